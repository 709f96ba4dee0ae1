"""Score the claim tracker on the claims gold set.

    python scripts/eval_claims.py [--part test ...]           # gold contents clustered
                                                              # (sayso.claims.evaluate)
    python scripts/eval_claims.py related [--part test ...]   # the gold's articles ingested,
        # claims build + related on the store, matched by content spans: MAP@10, recall@10,
        # pairwise F1, coverage, stance (sayso.claims.store_eval)
"""

import sys

if __name__ == "__main__":
    if sys.argv[1:2] == ["related"]:
        from sayso.claims.store_eval import main as related_main

        raise SystemExit(related_main(sys.argv[2:]))
    from sayso.claims.evaluate import main

    raise SystemExit(main())
