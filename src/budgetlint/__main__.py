from budgetlint.cli import run

run()
