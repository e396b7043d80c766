"""Certificates: the completion decision, issue, PDF, verification and revocation."""
