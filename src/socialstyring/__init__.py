"""Socialstyring: economy and case-work steering for Danish specialised social services."""
