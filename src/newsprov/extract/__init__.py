"""Article -> entities, figures, attributions and claims (rule-based, deterministic)."""
