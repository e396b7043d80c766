"""Open Badges 3.0 verifiable credentials: one signed `OpenBadgeCredential` per certificate, its
issuer (profile, did:web document, JWKS), the Bitstring Status List that revokes it, and the
check of a credential file that /verify/ and `manage.py credential_verify` share.

docs/credentials.md explains it for an employer and for whoever runs the site."""
