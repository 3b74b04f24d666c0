"""Resolving names and texts shared by every way a policy comes in (ingest, demo, actors):
the hash a version is known by, and issuing bodies found or created by name."""

from __future__ import annotations

import hashlib
import unicodedata

from .models import Authority, Jurisdiction


def normalise_text(text: str) -> str:
    """The main text as hashed for versions: NFKC, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def text_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


class AuthorityResolver:
    """Finds or creates an Authority by name or alias; a new local body gets the jurisdiction
    whose full name its own name starts with (江苏省人民政府 → 江苏省)."""

    def __init__(self) -> None:
        self.by_name: dict[str, Authority] = {}
        for authority in Authority.objects.all():
            self.by_name[authority.name] = authority
            for alias in authority.aliases:
                self.by_name.setdefault(alias, authority)
        self.places = {
            j.name: j for j in Jurisdiction.objects.current().exclude(kind="placeholder") if len(j.name) >= 2
        }
        self.national = Jurisdiction.objects.by_adcode("100000")

    def place_of(self, name: str) -> Jurisdiction | None:
        for length in range(min(len(name), 20), 1, -1):
            place = self.places.get(name[:length])
            if place is not None:
                return place
        return None

    def __call__(self, name: str) -> Authority:
        name = name.strip()
        if name in self.by_name:
            return self.by_name[name]
        place = self.place_of(name)
        # get_or_create: two ingest workers may meet the same new issuer at once
        authority, _ = Authority.objects.get_or_create(
            name=name, defaults={"jurisdiction": place or self.national, "kind": "local" if place else ""}
        )
        self.by_name[name] = authority
        return authority
