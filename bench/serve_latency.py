#!/usr/bin/env python3
"""Serve latency: append a word to one quote file, then time until the
preview serves that quote's page with the word in it.

    serve_latency.py URL QUOTE_FILE QUOTE_ID EDITS [TIMEOUT_S]

Polls over one kept-alive HTTP connection every 2 ms (a curl process per
poll adds 5 to 20 ms of its own to each reading). Each edit waits until the
preview has finished with the one before (its status no longer says
`checking`). Prints one latency in
microseconds per line, or `timeout`. Restoring the file is the caller's job.
"""

import http.client
import sys
import time
import urllib.parse


def main():
    url, quote_file, quote_id, edits = sys.argv[1:5]
    timeout = float(sys.argv[5]) if len(sys.argv) > 5 else 60.0
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    page = f"{parts.path.rstrip('/')}/quotes/{quote_id}.html"

    def get(path):
        nonlocal connection
        try:
            connection.request("GET", path)
            return connection.getresponse().read()
        except (OSError, http.client.HTTPException):
            connection.close()
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
            return b""

    def fetch():
        return get(page)

    def settled():
        # The page is shown as soon as it alone passes the gate, while the
        # whole gate still reads the rebuild (`checking`); the next edit
        # waits for that, so that each edit meets an idle preview.
        status = get(f"{parts.path.rstrip('/')}/__evalsite/status")
        return b'"checking":false' in status

    letters = "abcdefghijklmnopqrstuvwxyz"
    for i in range(int(edits)):
        word = f"benchmark{letters[i // 26 % 26]}{letters[i % 26]}".encode()
        waited = time.monotonic()
        while not settled() and time.monotonic() - waited < timeout:
            time.sleep(0.01)
        time.sleep(0.1)  # and a moment more, as between two saves
        start = time.monotonic()
        with open(quote_file, "ab") as f:
            f.write(b" " + word + b"\n")
        while word not in fetch():
            if time.monotonic() - start > timeout:
                print("timeout", flush=True)
                break
            time.sleep(0.002)
        else:
            print(round((time.monotonic() - start) * 1e6), flush=True)


if __name__ == "__main__":
    main()
