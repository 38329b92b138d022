"""The outbox sender against real SMTP servers: delivery, faults, retries, leases, alerts, mailbox."""
import multiprocessing
import socket
import threading
from datetime import datetime, timedelta, timezone

import pytest

from screener import create_app
from screener.db import connect, get_db, immediate
from screener.mail.alerts import alert_stuck
from screener.mail.backoff import SMTP, UNBUILDABLE, UNEXPECTED, gives_up, retry_delay
from screener.mail.outbox import enqueue
from screener.mail.sender import send_due
from screener.cases.create import create_case, notify_new_case

from helpers import SMTPSink, free_port, make_config, smtp_config
from test_requests_delivery import readable

START = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)
CONTACT = {"name": "Sofie", "phone": "+32470123456", "email": "sofie@voorbeeld.be"}


class Clock:
    """A clock the test moves forward."""

    def __init__(self, moment=START):
        self.moment = moment

    def __call__(self):
        return self.moment

    def advance(self, **delta):
        self.moment += timedelta(**delta)


def build_app(tmp_path, clock, **overrides):
    return create_app(make_config(tmp_path, CLOCK=clock, MAIL_TIMEOUT=1, **overrides))


def new_case(app, clock, provider_id="elp_limburg"):
    with app.app_context():
        db = get_db()
        with immediate(db):
            case = create_case(db, choice="region", step=2, provider_id=provider_id, province="limburg",
                               contact=CONTACT, now=clock())
            notify_new_case(db, case, clock())
    return case


def send(app):
    with app.app_context():
        return send_due(app, get_db())


def outbox(app):
    database = connect(app.config["DATABASE"])
    try:
        return list(database.query("SELECT * FROM outbox ORDER BY id"))
    finally:
        database.close()


# --- servers that misbehave -------------------------------------------------------------------

class RawServer:
    """A TCP server on 127.0.0.1 with a scripted behaviour per connection."""

    def __init__(self, behaviour):
        self.behaviour = behaviour
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.connections = []
        self.stopped = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while not self.stopped.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections.append(conn)
            threading.Thread(target=self.behaviour, args=(conn, self.stopped), daemon=True).start()

    def stop(self):
        self.stopped.set()
        self.sock.close()
        for conn in self.connections:
            conn.close()


def refuse_421(conn, _stopped):
    conn.sendall(b"421 4.3.2 Service not available, try again later\r\n")
    conn.close()


def drop_after_greeting(conn, _stopped):
    conn.sendall(b"220 mail.example ESMTP\r\n")
    conn.recv(1024)  # EHLO
    conn.close()


def hang(conn, stopped):
    stopped.wait(30)  # accepts, then never says a word


class RefuseAtData:
    """aiosmtpd that answers 421 to DATA until told to accept."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.port = free_port()
        self.accept = False
        self.messages = []
        outer = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                if not outer.accept:
                    return "421 4.3.0 Try again later"
                outer.messages.append(envelope)
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()


def smtp_at(port):
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port, "MAIL_USE_TLS": False, "MAIL_USE_SSL": False}


# --- delivery --------------------------------------------------------------------------------

def test_provider_message_arrives_once_with_link_and_no_personal_data(tmp_path, smtp_server):
    clock = Clock()
    app = build_app(tmp_path, clock, **smtp_config(smtp_server))
    case = new_case(app, clock)
    result = app.test_cli_runner().invoke(args=["outbox", "send"])
    assert "1 verstuurd" in result.output, result.output
    [envelope] = smtp_server.wait_for(1)
    assert envelope.rcpt_tos == ["aanmelden@elp-limburg.example"]
    raw = envelope.content.decode()
    text = readable(envelope.content)
    assert case["reference"] in text and case["link_token"] in text
    for secret in ("Sofie", "470123456", "sofie@voorbeeld.be", "voorbeeld"):
        assert secret not in text and secret not in raw
    assert "multipart/alternative" in raw and "Message-ID: <" in raw
    # A second run sends nothing again.
    assert send(app) == {"sent": 0, "failed": 0}
    assert len(smtp_server.messages) == 1
    [row] = outbox(app)
    assert row["status"] == "sent" and row["delivered_via"] == "smtp" and row["attempts"] == 1


@pytest.mark.parametrize("behaviour, error", [
    (refuse_421, "SMTPConnectError 421"),
    (drop_after_greeting, "SMTPServerDisconnected"),
    (hang, "Timeout"),
])
def test_smtp_faults_keep_every_message_and_deliver_each_once_later(tmp_path, smtp_server, behaviour, error):
    clock = Clock()
    bad = RawServer(behaviour)
    app = build_app(tmp_path, clock, **smtp_at(bad.port))
    try:
        cases = [new_case(app, clock, p) for p in ("elp_limburg", "elp_antwerpen", "edpb_preventa")]
        started = datetime.now()
        assert send(app) == {"sent": 0, "failed": 1}  # the first failure stops the batch
        assert (datetime.now() - started).total_seconds() < 5  # the timeout holds
    finally:
        bad.stop()
    rows = outbox(app)
    assert [r["status"] for r in rows] == ["pending"] * 3
    assert rows[0]["attempts"] == 1 and rows[0]["last_error"].startswith(error)
    assert rows[0]["next_attempt_at"] == "2026-11-23T10:01:00+00:00"
    assert rows[1]["attempts"] == 0  # not tried: the server was away
    # SMTP is back.
    app.config.update(smtp_config(smtp_server))
    assert send(app) == {"sent": 2, "failed": 0}  # the failed one waits for its retry time
    clock.advance(minutes=1)
    assert send(app) == {"sent": 1, "failed": 0}
    clock.advance(hours=2)
    assert send(app) == {"sent": 0, "failed": 0}
    delivered = sorted(e.content.decode().split("Message-ID: ")[1].split()[0] for e in smtp_server.wait_for(3))
    assert len(delivered) == len(set(delivered)) == 3
    assert all(c["reference"] in "".join(readable(e.content) for e in smtp_server.messages) for c in cases)


def test_421_at_data_is_retried_with_backoff_then_delivered_once(tmp_path):
    clock = Clock()
    server = RefuseAtData()
    app = build_app(tmp_path, clock, **smtp_at(server.port))
    try:
        new_case(app, clock)
        waits = []
        for _ in range(6):
            assert send(app)["failed"] == 1
            [row] = outbox(app)
            wait = datetime.fromisoformat(row["next_attempt_at"]) - clock()
            waits.append(int(wait.total_seconds() // 60))
            assert send(app) == {"sent": 0, "failed": 0}  # not before its time
            clock.moment = datetime.fromisoformat(row["next_attempt_at"])
        assert waits == [1, 5, 15, 60, 60, 60]
        assert row["last_error"] == "SMTPDataError 421" and row["status"] == "pending"
        server.accept = True
        assert send(app) == {"sent": 1, "failed": 0}
        assert send(app) == {"sent": 0, "failed": 0}
        assert len(server.messages) == 1
    finally:
        server.controller.stop()


def test_retry_delay_schedule():
    assert [retry_delay(n) for n in range(1, 8)] == [timedelta(minutes=m) for m in (1, 5, 15, 60, 60, 60, 60)]


def test_when_a_message_is_given_up():
    # A row that cannot be built, at once; a 5xx answer or an unexpected error after five attempts;
    # a 4xx answer or a lost connection never (the coordinators hear of it after 24 hours).
    assert gives_up(1, UNBUILDABLE)
    assert [gives_up(n, UNEXPECTED) for n in (4, 5)] == [False, True]
    assert [gives_up(n, SMTP, 550) for n in (4, 5)] == [False, True]
    assert not gives_up(50, SMTP, 421) and not gives_up(50, SMTP, None)


# --- leases: two senders never send one message twice -----------------------------------------

def test_a_leased_message_is_not_taken_until_the_lease_runs_out(tmp_path, smtp_server):
    clock = Clock()
    app = build_app(tmp_path, clock, **smtp_config(smtp_server))
    new_case(app, clock)
    database = connect(app.config["DATABASE"])
    database.execute("UPDATE outbox SET status = 'sending', lease_until = ?", ["2026-11-23T10:10:00+00:00"])
    database.conn.commit()
    assert send(app) == {"sent": 0, "failed": 0}
    clock.advance(minutes=10)  # the sender that held it died; its lease ran out
    assert send(app) == {"sent": 1, "failed": 0}
    database.close()


def _sender_process(config, barrier, results):
    app = create_app(config)
    barrier.wait()
    total = 0
    for _ in range(10):
        with app.app_context():
            total += send_due(app, get_db())["sent"]
    results.put(total)


def test_concurrent_senders_deliver_every_message_exactly_once(tmp_path, smtp_server):
    config = make_config(tmp_path, **smtp_config(smtp_server))
    app = create_app(config)
    with app.app_context():
        db = get_db()
        with immediate(db):
            for i in range(60):
                enqueue(db, kind="test", to=f"team{i}@x.example", subject=f"Bericht {i}", text="Tekst")
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(3), ctx.Queue()
    processes = [ctx.Process(target=_sender_process, args=(config, barrier, results)) for _ in range(3)]
    for p in processes:
        p.start()
    for p in processes:
        p.join(60)
    assert all(p.exitcode == 0 for p in processes)
    assert sum(results.get(timeout=5) for _ in processes) == 60
    smtp_server.wait_for(60)
    recipients = [r for e in smtp_server.messages for r in e.rcpt_tos]
    assert len(recipients) == 60 and len(set(recipients)) == 60
    assert {r["status"] for r in outbox(app)} == {"sent"}


# --- personal mail, alerts ------------------------------------------------------------------------

def test_personal_address_and_text_are_erased_once_sent(tmp_path, smtp_server):
    clock = Clock()
    app = build_app(tmp_path, clock, **smtp_config(smtp_server))
    with app.app_context():
        db = get_db()
        with immediate(db):
            enqueue(db, kind="confirmation", to="sofie@voorbeeld.be", subject="Je aanvraag", text="geheime link", personal=True)
    assert send(app)["sent"] == 1
    [envelope] = smtp_server.wait_for(1)
    assert envelope.rcpt_tos == ["sofie@voorbeeld.be"] and "geheime link" in readable(envelope.content)
    [row] = outbox(app)
    assert row["to_addr"] == "" and row["body_text"] == "" and row["status"] == "sent"


def test_coordinators_are_alerted_once_after_24_hours_unsent(tmp_path):
    clock = Clock()
    bad = RawServer(refuse_421)
    app = build_app(tmp_path, clock, **smtp_at(bad.port), COORDINATOR_EMAILS=["stuurgroep@x.example"])
    try:
        case = new_case(app, clock)
        with app.app_context():
            assert send(app)["failed"] == 1 and alert_stuck(get_db()) == 0
            clock.advance(hours=23, minutes=59)
            assert send(app)["failed"] == 1 and alert_stuck(get_db()) == 0
            clock.advance(minutes=2)
            assert alert_stuck(get_db()) == 1
            clock.advance(hours=5)
            assert alert_stuck(get_db()) == 0  # once
    finally:
        bad.stop()
    alerts = [r for r in outbox(app) if r["kind"] == "outbox_stuck"]
    assert len(alerts) == 1 and alerts[0]["to_addr"] == "stuurgroep@x.example"
    assert "24 uur" in alerts[0]["subject"] and case["link_token"] not in alerts[0]["body_text"]


def test_stuck_alert_reaches_coordinator_accounts_and_waits_while_nobody_can_be_told(tmp_path):
    from partners_helpers import create_user

    clock = Clock()
    app = build_app(tmp_path, clock, COORDINATOR_EMAILS=[])
    with app.app_context():
        db = get_db()
        with immediate(db):
            enqueue(db, kind="new_case", to="team@x.example", subject="Nieuwe aanvraag", text="tekst", now=clock())
        clock.advance(hours=25)
        assert alert_stuck(db) == 0  # nobody to tell: the message is not marked as alerted
    assert [r["alerted_at"] for r in outbox(app)] == [None]
    create_user(app, email="Coordinator@X.example", role="coordinator")
    create_user(app, email="lid@x.example", role="member")
    with app.app_context():
        assert alert_stuck(get_db()) == 1
        assert alert_stuck(get_db()) == 0  # once
    alerts = [r for r in outbox(app) if r["kind"] == "outbox_stuck"]
    assert [a["to_addr"] for a in alerts] == ["coordinator@x.example"]


# --- development mailbox --------------------------------------------------------------------------

def test_without_mail_server_messages_go_to_the_development_mailbox(tmp_path):
    clock = Clock()
    app = build_app(tmp_path, clock, DEV_MAILBOX=True)
    case = new_case(app, clock)
    assert send(app) == {"sent": 1, "failed": 0}
    [row] = outbox(app)
    assert row["delivered_via"] == "dev_mailbox"
    client = app.test_client()
    page = client.get("/dev/mailbox/").get_data(as_text=True)
    assert case["reference"] in page and "aanmelden@elp-limburg.example" in page
    message = client.get(f"/dev/mailbox/{row['id']}").get_data(as_text=True)
    assert f"/partners/dossier/{case['link_token']}" in message
    assert client.get("/dev/mailbox/9999").status_code == 404


def test_development_mailbox_does_not_exist_in_production(tmp_path):
    app = build_app(tmp_path, Clock())
    assert app.test_client().get("/dev/mailbox/").status_code == 404
    assert app.test_client().get("/dev/mailbox/1").status_code == 404


# --- verified TLS ---------------------------------------------------------------------------------

def self_signed_context(tmp_path):
    """A server-side TLS context with a certificate nobody vouches for."""
    import datetime as dt
    import ssl

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1)).sign(key, hashes.SHA256()))
    (tmp_path / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                         serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    return context


def test_starttls_with_an_unverified_certificate_sends_nothing(tmp_path):
    with SMTPSink(tls_context=self_signed_context(tmp_path), require_starttls=True) as server:
        clock = Clock()
        app = build_app(tmp_path, clock, **{**smtp_at(server.port), "MAIL_USE_TLS": True})
        new_case(app, clock)
        assert send(app) == {"sent": 0, "failed": 1}
    [row] = outbox(app)
    assert server.messages == [] and row["status"] == "pending" and row["last_error"].startswith("SSLCertVerificationError")
