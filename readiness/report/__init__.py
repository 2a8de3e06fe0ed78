"""Assessment -> pages: HTML (Jinja2), charts, labels, branding, plain text, PDF (WeasyPrint)."""
