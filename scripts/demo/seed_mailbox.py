#!/usr/bin/env python3
"""Seeds the demo's third mailbox: a password (IMAP/CalDAV) mailbox on the local Dovecot and Radicale.

    python3 scripts/demo/seed_mailbox.py --host localhost --imap-port 993 --caldav-root https://localhost:5232/ \
        --ca-file cert.pem --user U --password P --address A

scripts/run.sh runs it after scripts/mailservers.sh started the servers and made the user. It appends a
handful of emails over IMAP (INBOX and Sent; some with contacts of scripts/demo/accounts.json, one from a
stranger) and puts a few events over CalDAV into a calendar "Dispatch desk" (a meeting with a contact, a
weekly recurring one with an exception and a cancelled occurrence, an all-day one). Two items are also in
the sandbox mailboxes of make_scenario.py: Robert's last "Service agreement renewal" message (same
Message-ID) and the "Renewal signing" meeting (same UID, same time), so the calendars show one thread
message and one appointment held by three links. Dates are relative to today (UTC), on weekdays in Chicago
business hours. Running it again adds nothing: messages already there (by Message-ID) are skipped, and
events are put again under the same names.
"""
import argparse
import base64
import datetime as dt
import email.utils
import imaplib
import json
import os
import ssl
import sys
import time
import urllib.error
import urllib.request
from email.message import EmailMessage

HERE = os.path.dirname(os.path.abspath(__file__))
TODAY = dt.datetime.now(dt.timezone.utc).date()

with open(os.path.join(HERE, "accounts.json"), encoding="utf-8") as f:
    _CONTACTS = {c["email"].lower(): c["name"] for a in json.load(f) for c in a["contacts"]}


def contact(address):
    """(name, address) of a demo contact; fails when accounts.json no longer holds it."""
    if address.lower() not in _CONTACTS:
        sys.exit(f"seed_mailbox.py: {address} is not a contact in accounts.json")
    return _CONTACTS[address.lower()], address


ROBERT = contact("robert.davis@summitlogistics.com")        # ACC-1004 Summit Logistics
LINDA = contact("linda.lee@oakstreetdiner.com")             # ACC-1003 Oak Street Diner
SUSAN = contact("susan.smith@sunrisebakery.com")            # ACC-1009 Sunrise Bakery
KEVIN = contact("kevin.hall@evergreennursery.com")          # ACC-1014 Evergreen Nursery
STRANGER = ("Parts Counter", "parts@truckparts.example")
DANA_WORK = ("Dana Dispatcher", "dana@demo-hauler.example")
DANA_HOME = ("Dana Dispatcher", "dana.dispatch@gmail.com")


def weekday_back(n):
    """Days from today back to the n-th weekday before today (as make_scenario.py counts them)."""
    offset, seen = 0, 0
    while seen < n:
        offset += 1
        if (TODAY - dt.timedelta(days=offset)).weekday() < 5:
            seen += 1
    return offset


def at(days, hhmm):
    """An instant `days` from today (negative = past) at hh:mm UTC."""
    hour, minute = map(int, hhmm.split(":"))
    return dt.datetime.combine(TODAY + dt.timedelta(days=days), dt.time(hour, minute), tzinfo=dt.timezone.utc)


def back(n, hhmm):
    return at(-weekday_back(n), hhmm)


def address(pair):
    return email.utils.formataddr(pair)


def message(folder, frm, to, subject, body, sent, mid, cc=(), in_reply_to=None):
    m = EmailMessage()
    m["From"] = address(frm)
    m["To"] = ", ".join(address(p) for p in to)
    if cc:
        m["Cc"] = ", ".join(address(p) for p in cc)
    m["Subject"] = subject
    m["Date"] = email.utils.format_datetime(sent)
    m["Message-ID"] = mid
    if in_reply_to:
        m["In-Reply-To"] = in_reply_to
        m["References"] = in_reply_to
    m.set_content(body)
    return folder, m


def messages(me):
    """The mailbox's emails: (folder, message)."""
    desk = ("Dispatch Desk", me)
    return [
        message("INBOX", LINDA, [desk], "Grease trap pickup this Thursday?",
                "Hi, can the grease trap pickup move to Thursday morning this week? The kitchen is closed then.\n\nLinda",
                back(3, "15:20"), "<grease-trap-1@oakstreetdiner.com>"),
        message("Sent", desk, [LINDA], "RE: Grease trap pickup this Thursday?",
                "Thursday 7:00 works; the driver will call from the gate.\n\nDispatch desk",
                back(3, "16:05"), "<grease-trap-2@dispatch.demo-hauler.example>", in_reply_to="<grease-trap-1@oakstreetdiner.com>"),
        message("INBOX", SUSAN, [desk], "Extra cardboard bin for the holidays",
                "We will have a lot more cardboard in the next weeks. Could we get a second bin until January?\n\nSusan",
                back(5, "14:40"), "<extra-bin-1@sunrisebakery.com>"),
        message("Sent", desk, [KEVIN], "Green waste roll-off delivered",
                "Kevin, the 30-yard roll-off for green waste is at the back gate. Call when it is full.\n\nDispatch desk",
                back(8, "19:10"), "<green-waste-1@dispatch.demo-hauler.example>"),
        # The copy Robert's mail system also sent to the desk: one thread message held by three mailboxes.
        message("INBOX", ROBERT, [DANA_WORK], "RE: Service agreement renewal for 2027",
                "Great, see you then. I sent an invite for the signing.\n\nRobert",
                at(-weekday_back(6), "14:15"), "<renewal-2027-3@summitlogistics.com>", cc=[DANA_HOME],
                in_reply_to="<renewal-2027-2@demo-hauler.example>"),
        message("INBOX", STRANGER, [desk], "Your brake pads are in",
                "The brake pads for truck 14 arrived; pick them up at the counter.", back(2, "17:30"),
                "<brake-pads-1@truckparts.example>"),
    ]


def append_messages(args):
    context = ssl.create_default_context(cafile=args.ca_file)
    imap = imaplib.IMAP4_SSL(args.host, args.imap_port, ssl_context=context)
    added = 0
    try:
        imap.login(args.user, args.password)
        for folder, m in messages(args.address):
            status, _ = imap.select(folder)
            if status != "OK":
                imap.create(folder)
                imap.select(folder)
            _, found = imap.search(None, "HEADER", "Message-ID", m["Message-ID"])
            if found and found[0].split():
                continue
            when = imaplib.Time2Internaldate(email.utils.parsedate_to_datetime(m["Date"]).timestamp())
            status, detail = imap.append(folder, "\\Seen", when, m.as_bytes())
            if status != "OK":
                sys.exit(f"seed_mailbox.py: APPEND to {folder} answered {status} {detail}")
            added += 1
    finally:
        try:
            imap.logout()
        except (imaplib.IMAP4.error, OSError):
            pass
    return added


def stamp(instant):
    return instant.strftime("%Y%m%dT%H%M%SZ")


def vevent(uid, summary, start, end, organizer, attendees, extra=()):
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp(dt.datetime.now(dt.timezone.utc))}",
             f"SUMMARY:{summary}", *start, *end, f"ORGANIZER;CN={organizer[0]}:mailto:{organizer[1]}"]
    lines += [f"ATTENDEE;CN={name};PARTSTAT={status}:mailto:{mail}" for (name, mail), status in attendees]
    return lines + list(extra) + ["END:VEVENT"]


CHICAGO = ["BEGIN:VTIMEZONE", "TZID:America/Chicago",
           "BEGIN:DAYLIGHT", "TZOFFSETFROM:-0600", "TZOFFSETTO:-0500", "TZNAME:CDT", "DTSTART:19700308T020000",
           "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "END:DAYLIGHT",
           "BEGIN:STANDARD", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0600", "TZNAME:CST", "DTSTART:19701101T020000",
           "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", "END:STANDARD", "END:VTIMEZONE"]


def calendar(*components):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//NavusoftSync demo//seed_mailbox//EN", *components, "END:VCALENDAR"]
    return "\r\n".join(lines) + "\r\n"


def weekly_walkthrough(me):
    """Every Tuesday 9:30 Chicago, from three weeks back for six weeks; one moved, one cancelled."""
    first = TODAY - dt.timedelta(days=(TODAY.weekday() - 1) % 7 + 21)
    local = lambda day, hhmm: f"{day:%Y%m%d}T{hhmm.replace(':', '')}00"  # noqa: E731
    moved, cancelled = first + dt.timedelta(days=7), first + dt.timedelta(days=14)
    who = [(KEVIN, "ACCEPTED"), (("Dispatch Desk", me), "ACCEPTED")]
    series = vevent("nursery-walkthrough@dispatch.demo-hauler.example", "Weekly yard walk-through: Evergreen Nursery",
                    [f"DTSTART;TZID=America/Chicago:{local(first, '09:30')}"], [f"DTEND;TZID=America/Chicago:{local(first, '10:00')}"],
                    KEVIN, who, ["RRULE:FREQ=WEEKLY;COUNT=6", f"EXDATE;TZID=America/Chicago:{local(cancelled, '09:30')}",
                                 "LOCATION:Evergreen Nursery\\, back lot"])
    override = vevent("nursery-walkthrough@dispatch.demo-hauler.example", "Weekly yard walk-through: Evergreen Nursery (moved)",
                      [f"DTSTART;TZID=America/Chicago:{local(moved, '11:00')}"], [f"DTEND;TZID=America/Chicago:{local(moved, '11:30')}"],
                      KEVIN, who, [f"RECURRENCE-ID;TZID=America/Chicago:{local(moved, '09:30')}"])
    return calendar(*CHICAGO, *series, *override)


def events(me):
    """The calendar's events: (resource name, ICS)."""
    desk = ("Dispatch Desk", me)
    signing_day = -weekday_back(2)  # the sandbox's "Renewal signing" (make_scenario.py), same UID and time
    review = at(-weekday_back(4), "16:00")
    holiday = TODAY + dt.timedelta(days=10)
    return [
        ("renewal-signing.ics", calendar(*vevent(
            "renewal-signing-2027@summitlogistics.com", "Renewal signing: Summit Logistics",
            [f"DTSTART:{stamp(at(signing_day, '17:00'))}"], [f"DTEND:{stamp(at(signing_day, '18:00'))}"], ROBERT,
            [(ROBERT, "ACCEPTED"), (DANA_WORK, "ACCEPTED"), (DANA_HOME, "ACCEPTED"), (desk, "TENTATIVE")],
            ["LOCATION:Summit Logistics HQ\\, 400 Commerce Dr"]))),
        ("bakery-bin-review.ics", calendar(*vevent(
            "bakery-bin-review@dispatch.demo-hauler.example", "Bin placement review: Sunrise Bakery",
            [f"DTSTART:{stamp(review)}"], [f"DTEND:{stamp(review + dt.timedelta(minutes=45))}"], desk,
            [(SUSAN, "ACCEPTED"), (desk, "ACCEPTED")], ["LOCATION:Sunrise Bakery loading dock"]))),
        ("nursery-walkthrough.ics", weekly_walkthrough(me)),
        ("diner-holiday-closure.ics", calendar(*vevent(
            "diner-holiday-closure@dispatch.demo-hauler.example", "Oak Street Diner closed: no pickup",
            [f"DTSTART;VALUE=DATE:{holiday:%Y%m%d}"], [f"DTEND;VALUE=DATE:{holiday + dt.timedelta(days=1):%Y%m%d}"], LINDA,
            [(LINDA, "ACCEPTED"), (desk, "ACCEPTED")]))),
    ]


def dav(args, method, url, body=None, content_type=None, depth=None):
    context = ssl.create_default_context(cafile=args.ca_file)
    credentials = base64.b64encode(f"{args.user}:{args.password}".encode()).decode()
    headers = {"Authorization": f"Basic {credentials}"}
    if content_type:
        headers["Content-Type"] = content_type
    if depth is not None:
        headers["Depth"] = depth
    request = urllib.request.Request(url, data=body.encode() if body is not None else None, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, context=context) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def put_events(args):
    collection = f"{args.caldav_root.rstrip('/')}/{args.user}/dispatch-desk/"
    mkcalendar = ('<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
                  "<D:set><D:prop><D:displayname>Dispatch desk</D:displayname></D:prop></D:set></C:mkcalendar>")
    dav(args, "PROPFIND", f"{args.caldav_root.rstrip('/')}/{args.user}/", depth="0")  # Radicale makes the user's home at the first request
    exists = dav(args, "PROPFIND", collection, depth="0") == 207
    status = 201 if exists else dav(args, "MKCALENDAR", collection, mkcalendar, "application/xml; charset=utf-8")
    if status != 201:
        sys.exit(f"seed_mailbox.py: MKCALENDAR {collection} answered {status}")
    for name, ics in events(args.address):
        status = dav(args, "PUT", collection + name, ics, "text/calendar; charset=utf-8")
        if status not in (200, 201, 204):
            sys.exit(f"seed_mailbox.py: PUT {collection}{name} answered {status}")
    return collection


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("host", "caldav-root", "ca-file", "user", "password", "address"):
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--imap-port", type=int, required=True)
    args = parser.parse_args()
    for attempt in range(20):  # the servers may still be starting; Dovecot reads its user file at most once a second
        try:
            added = append_messages(args)
            break
        except (OSError, imaplib.IMAP4.error) as error:
            if attempt == 19:
                sys.exit(f"seed_mailbox.py: IMAP at {args.host}:{args.imap_port}: {error}")
            time.sleep(0.5)
    collection = put_events(args)
    print(f"Seeded {args.address}: {added} new emails over IMAP, {len(events(args.address))} events at {collection}.")


if __name__ == "__main__":
    main()
