"""The site as gunicorn serves it in the bench and the fault tests, with a throw-away instance folder."""
import os

from screener import create_app

app = create_app({"INSTANCE_PATH": os.environ["ZORGSAMEN_INSTANCE_PATH"]})
