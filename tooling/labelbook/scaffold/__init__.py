"""New guideline repositories (`labelbook init`) and new rules and examples (`labelbook new`)."""
