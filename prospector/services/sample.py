"""Load the German sample companies into the database, once, on the user's request."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from prospector.models import Company
from prospector.progress import Progress
from prospector.records import SampleLoadResult
from prospector.sampledata.generate import SOURCE
from prospector.sampledata.load import read_sample
from prospector.services import companies, contacts

# Companies per step: often enough for a smooth progress bar and a prompt cancel.
CHUNK = 50


def load_sample_data(
    session: Session, progress: Progress | None = None, path: Path | None = None
) -> SampleLoadResult:
    """Add the sample companies and contacts; the caller commits, a cancel raises Cancelled."""
    samples = read_sample(path)
    total = len(samples)
    company_count = contact_count = 0
    if progress is not None:
        progress.step(0, total)
    for start in range(0, total, CHUNK):
        chunk = samples[start : start + CHUNK]
        ids = companies.create_companies(session, (sample.company for sample in chunk))
        contact_count += contacts.create_contacts(
            session,
            (
                dataclasses.replace(person, company_id=company_id)
                for sample, company_id in zip(chunk, ids, strict=True)
                for person in sample.contacts
            ),
        )
        company_count += len(ids)
        if progress is not None:
            progress.step(company_count, total)
    return SampleLoadResult(companies=company_count, contacts=contact_count)


def sample_is_loaded(session: Session) -> bool:
    """Whether sample companies are in the database already (loading twice would double them)."""
    query = select(exists().where(Company.source == SOURCE, Company.deleted_at.is_(None)))
    return bool(session.scalar(query))
