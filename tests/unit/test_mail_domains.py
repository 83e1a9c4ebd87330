"""A business address names its firm's domain; free-mail addresses name none."""

from __future__ import annotations

import pytest

from prospector.mail_domains import company_domain


@pytest.mark.parametrize(
    ("email", "domain"),
    [
        ("vertrieb@mueller-maschinenbau.de", "mueller-maschinenbau.de"),
        ("Eva.Weiss@Baeckerei-Gross.DE", "baeckerei-gross.de"),
        ("info@vertrieb.firma.at", "vertrieb.firma.at"),
    ],
)
def test_a_business_address_gives_its_domain(email: str, domain: str) -> None:
    assert company_domain(email) == domain


@pytest.mark.parametrize(
    "email",
    [
        "max.mueller@gmail.com",
        "eva@web.de",
        "k.schmidt@gmx.de",
        "jan@t-online.de",
        "anna@outlook.com",
        "info@posteo.de",
        "x@mail.gmx.de",  # a subdomain of a provider is the provider
    ],
)
def test_a_free_mail_address_gives_none(email: str) -> None:
    assert company_domain(email) is None


@pytest.mark.parametrize("text", [None, "", "kein Eintrag", "a@b", "a@@b.de", "a@b c.de"])
def test_text_that_is_no_address_gives_none(text: str | None) -> None:
    assert company_domain(text) is None
