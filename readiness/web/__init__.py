"""The local web questionnaire (`readiness serve`): Flask and Jinja2 live here and nowhere else."""
