"""The Qt user interface of Prospector: a thin shell over the prospector services."""
