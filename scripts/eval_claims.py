"""Score the claim tracker on tests/data/claims_gold.tsv (see sayso.claims.evaluate)."""

from sayso.claims.evaluate import main

if __name__ == "__main__":
    raise SystemExit(main())
