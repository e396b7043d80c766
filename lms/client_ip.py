"""The client's address, the one answer for everything that counts per client (django-axes'
login lockout, the certificate check's rate limit).

Behind a load balancer REMOTE_ADDR is the balancer's address, so the client's comes from
X-Forwarded-For. That header is whatever the client sent, with each proxy appending the address
it saw: only the last PROXY_COUNT entries were written by proxies we run, so the client is the
entry PROXY_COUNT places from the end, and anything further left is ignored (docs/deployment.md).
With PROXY_COUNT = 0 (no proxy) the header is ignored altogether."""

from django.conf import settings
from python_ipware import IpWare


def client_ip(request) -> str:
    remote_addr = request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 (not a bind address)
    proxies = settings.PROXY_COUNT
    if proxies <= 0:
        return remote_addr
    # The nearest proxy is REMOTE_ADDR and wrote the last entry; the others wrote the ones before.
    ipware = IpWare(precedence=("HTTP_X_FORWARDED_FOR",), proxy_count=proxies - 1)
    address, _trusted = ipware.get_client_ip(request.META, strict=False)
    return str(address) if address is not None else remote_addr
