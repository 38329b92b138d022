"""The ceiling: a minimal Flask app that renders a tiny template, under the same gunicorn settings."""
from flask import Flask, render_template_string, request

app = Flask(__name__)
PAGE = "<!doctype html><title>{{ title }}</title><p>{{ text }}</p>"


@app.get("/")
def hello():
    return render_template_string(PAGE, title="Hallo", text="Dag!")


@app.post("/")
def hello_post():
    return render_template_string(PAGE, title="Hallo", text=f"Ontvangen: {request.form.get('answer', '')}")
