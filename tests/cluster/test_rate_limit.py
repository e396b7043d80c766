"""The certificate check's rate limit is counted once for the whole site: a client spreading its
checks over both nodes gets no more than the limit (issue 17 item 6). Both nodes see the client
as 127.0.0.1 (no proxy in front of the local cluster)."""

from django.conf import settings

from tests.cluster.conftest import Cluster


def first_refusal(cluster: Cluster, limit: int) -> int | None:
    """Checks sent alternately to node 1 and node 2; the number of the first one refused."""
    nodes = [cluster.node(0), cluster.node(1)]
    for n in range(1, limit + 2):
        if nodes[n % 2].get("/verify/no-such-code/").status_code == 429:
            return n
    return None


def test_the_two_nodes_count_the_certificate_checks_together(cluster):
    limit, _window = settings.CERTIFICATE_VERIFY_RATE
    # Counted apart, each node would allow `limit` and the first refusal would come after
    # 2 x limit checks. Other tests' checks in this window only bring it earlier; a window that
    # ends mid-run can push it later once, never twice in a row.
    refused = first_refusal(cluster, limit) or first_refusal(cluster, limit)
    assert refused is not None
    assert refused <= limit + 1
