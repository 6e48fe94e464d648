"""Development e-mail backend: prints each message as a person would read it.

Django's console backend prints the raw MIME message, where any non-ASCII text ("€", "“")
turns into quoted-printable noise (=E2=82=AC). This one prints the headers that matter and the
decoded plain-text body.
"""

from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend


class EmailBackend(DjangoConsoleBackend):
    def write_message(self, message):
        lines = [
            f"From: {message.from_email}",
            f"To: {', '.join(message.to)}",
            f"Subject: {message.subject}",
            "",
            message.body.rstrip(),
        ]
        if getattr(message, "alternatives", None):
            lines.append("(also sent as HTML, the same text with clickable links)")
        self.stream.write("\n".join(lines) + "\n" + "-" * 79 + "\n")
