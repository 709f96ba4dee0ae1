"""Evaluation: our own implementation of the rules the reference scorers follow.

``sayso eval attributions|events|plv`` print the same numbers as
``shared/eval/score_*.py`` on the same predictions (checked in tests/test_eval*.py).
"""
