#!/usr/bin/env python3
"""Writes the provider sandbox scenario of the demo: Dana Dispatcher's two mailboxes.

    python3 scripts/demo/make_scenario.py [OUT]      # OUT defaults to stdout

scripts/run.sh runs it at every start into .run/sandbox-scenario.json and starts the sandbox with
it. Instants are written in the sandbox's relative form (`today-5d@15:00`, `now-3h`; today =
midnight UTC), so the file does not age; the day offsets are chosen at generation time so that
business mail and meetings fall on weekdays during Chicago business hours (14:00-21:00 UTC).
scripts/demo/sandbox-scenario.json is one output of this script, kept to read and to start the
sandbox by hand (`--scenario scripts/demo/sandbox-scenario.json`); regenerate it after editing.

The mailboxes (scenario format: src/Tools/ProviderSandbox/README.md and Contracts/Scenario*.cs):
- dana@demo-hauler.example (microsoft) and dana.dispatch@gmail.com (google), about three weeks
  each of mail and meetings, some with contacts of scripts/demo/accounts.json, most with strangers;
- threads of 1 to 4 messages, some sent by Dana, some received; the "Service agreement renewal"
  thread and the "Renewal signing" meeting are in both mailboxes (same Message-IDs, same iCalUID);
- meetings with contacts: a cancelled one, a moved one (only its current time; its body says where
  it was), a weekly recurring one, an all-day one; meetings with strangers too.
Message-IDs and iCalUIDs are fixed (the sandbox would draw new ones at every start), so a second run
on the same day shows NavusoftSync the same items again instead of new copies. Every contact address
used here must exist in accounts.json, otherwise the script fails.
"""
import datetime as dt
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TODAY = dt.datetime.now(dt.timezone.utc).date()  # the sandbox's `today` anchor

WORK = "dana@demo-hauler.example"
HOME = "dana.dispatch@gmail.com"
DANA_WORK = f"Dana Dispatcher <{WORK}>"
DANA_HOME = f"Dana Dispatcher <{HOME}>"

# Contacts of the demo accounts, by address; names come from accounts.json.
with open(os.path.join(HERE, "accounts.json"), encoding="utf-8") as f:
    _CONTACTS = {c["email"].lower(): (a["accountId"], c["name"]) for a in json.load(f) for c in a["contacts"]}


def contact(email):
    """'Name <email>' of a demo contact; fails when accounts.json no longer holds it."""
    if email.lower() not in _CONTACTS:
        sys.exit(f"make_scenario.py: {email} is not a contact in accounts.json")
    return f"{_CONTACTS[email.lower()][1]} <{email}>"


MARIA = contact("maria.garcia@greenfieldapartmen.com")        # ACC-1001 Greenfield Apartments
JAMES = contact("james.johnson@riversidemedicalce.com")       # ACC-1002 Riverside Medical Center
JENNIFER = contact("jennifer.brown@riversidemedicalce.com")   # ACC-1002
LINDA = contact("linda.lee@oakstreetdiner.com")               # ACC-1003 Oak Street Diner
DAVID = contact("david.martinez@oakstreetdiner.com")          # ACC-1003
ROBERT = contact("robert.davis@summitlogistics.com")          # ACC-1004 Summit Logistics
PATRICIA = contact("patricia.wilson@lakesideschooldist.com")  # ACC-1005 Lakeside School District
CARLOS_C = contact("carlos.clark@lakesideschooldist.com")     # ACC-1005
MICHAEL = contact("michael.young@harbormarina.com")           # ACC-1006 Harbor Marina
KAREN_H = contact("karen.hall@harbormarina.com")              # ACC-1006
MARIA_A = contact("maria.allen@harbormarina.com")             # ACC-1006
SUSAN = contact("susan.smith@sunrisebakery.com")              # ACC-1009 Sunrise Bakery
CARLOS_B = contact("carlos.brown@northgatemall.com")          # ACC-1010 Northgate Mall
KAREN_M = contact("karen.martinez@cedarridgehoa.com")         # ACC-1011 Cedar Ridge HOA
DANIEL = contact("daniel.lopez@bluewaterbrewery.com")         # ACC-1012 Bluewater Brewery
LISA = contact("lisa.king@graniteconstructio.com")            # ACC-1015 Granite Construction

# Strangers: colleagues, vendors, a prospect, newsletters, friends and family.
MIKE = "Mike Reed <mike.reed@demo-hauler.example>"
ANA = "Ana Brooks <ana.brooks@demo-hauler.example>"
FLEET = "Fleet Maintenance <fleet@demo-hauler.example>"
HR = "HR <hr@demo-hauler.example>"
IT = "IT Service Desk <it@demo-hauler.example>"
TEAM = "Dispatch Team <dispatch-team@demo-hauler.example>"
SHOP = "Midwest Truck Repair <service@midwesttruckrepair.example>"
SUPPLIES = "Office Supplies Direct <orders@officesupplies.example>"
TOM = "Tom Nguyen <tom.nguyen@brightbuild.example>"
LANDFILL = "County Landfill Billing <billing@countylandfill.example>"
FUEL = "FleetFuel <statements@fleetfuel.example>"
NEWS = "Waste & Recycling News <newsletter@wastenews.example>"
COACH = "Coach Pete <coach.pete@youthsoccer.example>"
PARENTS = "U10 Parents <parents@youthsoccer.example>"
JESS = "Jess Parker <jess.parker@mail.example>"
OLIVIA = "Olivia Chen <olivia.chen@mail.example>"
SAM = "Sam Ortiz <sam.ortiz@mail.example>"
KATE = "Kate Dispatcher <kate.dispatcher@mail.example>"
SHOP_ONLINE = "ShopOnline <ship-confirm@shoponline.example>"
POWER = "City Power & Light <billing@citypower.example>"
MARKET = "Riverside Farmers Market <hello@farmersmarket.example>"


def weekday_back(n):
    """Days from today back to the n-th weekday before today (n >= 1)."""
    offset, seen = 0, 0
    while seen < n:
        offset += 1
        if (TODAY - dt.timedelta(days=offset)).weekday() < 5:
            seen += 1
    return offset


def weekday_ahead(n):
    """Days from today to the n-th weekday after today (n >= 1)."""
    offset, seen = 0, 0
    while seen < n:
        offset += 1
        if (TODAY + dt.timedelta(days=offset)).weekday() < 5:
            seen += 1
    return offset


def at(days, hhmm):
    """A relative instant `days` from today (negative = past) at hh:mm UTC."""
    return f"today{days:+d}d@{hhmm}"


def back(n, hhmm):
    """The n-th weekday before today at hh:mm UTC (always in the past)."""
    return at(-weekday_back(n), hhmm)


def ahead(n, hhmm):
    return at(weekday_ahead(n), hhmm)


def date_of(days):
    return TODAY + dt.timedelta(days=days)


def msg(thread, frm, to, subject, body, sent, cc=(), mid=None):
    m = {"thread": thread, "subject": subject, "from": frm, "to": list(to), "body": body, "sentAt": sent}
    if cc:
        m["cc"] = list(cc)
    if mid:
        m["internetMessageId"] = mid
    return m


def attendee(who, response="accepted", kind=None):
    """An attendee from 'Name <address>' or 'address' (attendee addresses are plain, unlike message ones)."""
    name, _, address = who.rpartition("<")
    a = {"address": address.rstrip(">").strip()}
    if name.strip():
        a["name"] = name.strip()
    a["response"] = response
    if kind:
        a["type"] = kind
    return a


def event(subject, start, end, attendees, **extra):
    return {"subject": subject, "start": start, "end": end, "attendees": attendees, **extra}


# --- the thread and the meeting both mailboxes hold (Dana copied her personal address) --------------
RENEWAL = "Service agreement renewal for 2027"
shared_thread = [
    msg("summit-renewal", ROBERT, [DANA_WORK], RENEWAL,
        "Dana, attached is our draft renewal for next year: two compactors, pickups three times a week. "
        "I copied your personal address since you are on the road this week. Can we sign next week?\n\nRobert",
        back(7, "15:00"), cc=[DANA_HOME], mid="<renewal-2027-1@summitlogistics.com>"),
    msg("summit-renewal", DANA_WORK, [ROBERT], "RE: " + RENEWAL,
        "Thanks Robert, the pricing looks right. I will bring the signed copy to our meeting.\n\nDana",
        back(7, "18:40"), cc=[DANA_HOME], mid="<renewal-2027-2@demo-hauler.example>"),
    msg("summit-renewal", ROBERT, [DANA_WORK], "RE: " + RENEWAL,
        "Great, see you then. I sent an invite for the signing.\n\nRobert",
        back(6, "14:15"), cc=[DANA_HOME], mid="<renewal-2027-3@summitlogistics.com>"),
]
signing_day = -weekday_back(2)
shared_meeting = event(
    "Renewal signing: Summit Logistics", at(signing_day, "17:00"), at(signing_day, "18:00"),
    [attendee(ROBERT, "organizer"), attendee(DANA_WORK), attendee(DANA_HOME)],
    organizer=ROBERT, iCalUId="renewal-signing-2027@summitlogistics.com",
    location="Summit Logistics HQ, 400 Commerce Dr", body="Sign the 2027 service agreement.")

# --- dana@demo-hauler.example (Microsoft 365) ----------------------------------------------------------
work_messages = [
    # with contacts
    msg("greenfield-swap", MARIA, [DANA_WORK], "Dumpster swap at Building C",
        "Hi Dana, the 8-yard container behind Building C is overflowing again. Can we swap it for a "
        "20-yard roll-off before the weekend?\n\nThanks, Maria", back(14, "15:10")),
    msg("greenfield-swap", DANA_WORK, [MARIA], "RE: Dumpster swap at Building C",
        "Hi Maria, yes: the swap is on Thursday's route (driver Luis). He will call 30 minutes ahead.\n\nDana",
        back(14, "16:02")),
    msg("greenfield-swap", MARIA, [DANA_WORK], "RE: Dumpster swap at Building C",
        "Perfect, the gate code is 4471. Thank you!", back(13, "14:20")),
    msg("oak-missed-pickup", LINDA, [DANA_WORK], "Missed pickup Tuesday",
        "Our trash pickup was missed on Tuesday and the alley is full. Can someone come today?\n\nLinda",
        back(12, "14:05"), cc=[DAVID]),
    msg("oak-missed-pickup", DANA_WORK, [LINDA], "RE: Missed pickup Tuesday",
        "Sorry about that, the truck was rerouted after a breakdown. We will be there tomorrow at 6 am and "
        "credit the missed pickup on your next invoice.\n\nDana", back(12, "15:30"), cc=[DAVID]),
    msg("riverside-schedule", DANA_WORK, [JAMES], "Medical waste pickup schedule for December",
        "Hi James, the proposed December schedule: Monday, Wednesday and Friday at 5:30 am for sharps and "
        "red-bag waste. Does that still work?\n\nDana", back(11, "14:30")),
    msg("riverside-schedule", JAMES, [DANA_WORK], "RE: Medical waste pickup schedule for December",
        "Looks good. Copying Jennifer, who runs facilities on Fridays.", back(11, "17:05"), cc=[JENNIFER]),
    msg("riverside-schedule", JENNIFER, [DANA_WORK], "RE: Medical waste pickup schedule for December",
        "Could the Friday pickup move to 6:30? The loading dock opens at 6.", back(10, "15:20"), cc=[JAMES]),
    msg("riverside-schedule", DANA_WORK, [JENNIFER], "RE: Medical waste pickup schedule for December",
        "Done: Fridays at 6:30 from next week on.\n\nDana", back(10, "16:00"), cc=[JAMES]),
    *shared_thread,
    msg("northgate-compactor", DANA_WORK, [MIKE], "Northgate Mall compactor keeps jamming",
        "Mike, the compactor at Northgate jammed twice this week. Can maintenance take a look?", back(3, "14:30")),
    msg("northgate-compactor", MIKE, [DANA_WORK], "RE: Northgate Mall compactor keeps jamming",
        "Copying Carlos from Northgate: we will send a technician Monday at 7.", back(3, "16:10"), cc=[CARLOS_B]),
    msg("northgate-compactor", CARLOS_B, [MIKE, DANA_WORK], "RE: Northgate Mall compactor keeps jamming",
        "Monday works, ask for me at the loading dock.", back(2, "14:20")),
    msg("cedar-invoice", KAREN_M, [DANA_WORK], "Invoice INV-20931 question",
        "Hi, our November invoice shows two extra bulk pickups we did not order. Could you check?\n\nKaren",
        back(3, "19:10")),
    msg("lakeside-rolloff", DANA_WORK, [PATRICIA], "Extra roll-off for the winter fair",
        "Patricia, confirming one extra 30-yard roll-off at the high school lot: delivered Friday, picked up "
        "Monday.\n\nDana", back(2, "15:45"), cc=[CARLOS_C]),
    msg("bluewater-grease", DANIEL, [DANA_WORK], "Grease trap service next week",
        "Can your crew pump the grease trap next week before we open at 11?\n\nDaniel", "now-3h"),
    # with strangers only
    msg("route14", MIKE, [DANA_WORK], "Route 14 driver schedule",
        "Luis is out Thursday and Friday; can you move Route 14 to Sam?", back(15, "14:10")),
    msg("route14", DANA_WORK, [MIKE], "RE: Route 14 driver schedule",
        "Done, Sam has it, and the customers on the route know.", back(15, "14:40")),
    msg("fuel-statement", FUEL, [DANA_WORK], "Your fuel card statement is ready",
        "Your monthly statement for account FF-20417 is ready to view.", back(15, "12:00")),
    msg("landfill-fees", LANDFILL, [DANA_WORK], "Tipping fee update effective January 1",
        "The municipal solid waste tipping fee rises from $52.00 to $54.50 per ton on January 1.", back(13, "20:30")),
    msg("fleet-service", FLEET, [DANA_WORK], "Fleet maintenance report: 6 trucks due for service",
        "Trucks 7, 11, 14, 22, 23 and 30 are due for their 250-hour service.", back(10, "14:00")),
    msg("truck22", SHOP, [DANA_WORK], "Truck 22 hydraulic leak: estimate",
        "The lift cylinder seal is leaking. Parts arrive Wednesday; the estimate is $1,840.", back(9, "15:30")),
    msg("truck22", DANA_WORK, [SHOP], "RE: Truck 22 hydraulic leak: estimate",
        "Approved, please go ahead.\n\nDana", back(9, "16:10")),
    msg("truck22", SHOP, [DANA_WORK], "RE: Truck 22 hydraulic leak: estimate",
        "Truck 22 is ready for pickup.", back(8, "20:00")),
    msg("news-1", NEWS, [DANA_WORK], "This week: route optimization on a budget",
        "Five ways haulers cut deadhead miles this quarter.", back(8, "12:00")),
    msg("supplies", SUPPLIES, [DANA_WORK], "Your order #58213 has shipped",
        "Your order (printer toner, 2 boxes of route sheets) is on its way.", back(6, "15:00")),
    msg("brightbuild-quote", TOM, [DANA_WORK], "Quote request: construction debris roll-offs",
        "We start a build on Elm Street next month. What would three 30-yard roll-offs cost per week?\n\nTom",
        back(5, "16:30")),
    msg("brightbuild-quote", DANA_WORK, [TOM], "RE: Quote request: construction debris roll-offs",
        "Hi Tom, three 30-yard roll-offs with weekly swaps come to $1,275 per week. Happy to walk the site.\n\nDana",
        back(4, "14:50")),
    msg("fleet-brakes", FLEET, [DANA_WORK], "Fleet maintenance report: brake inspections",
        "Brake inspections are done for the rear-loader fleet; two trucks need new pads.", back(5, "14:00")),
    msg("team-lunch", HR, [TEAM], "Team lunch Friday",
        "Pizza in the break room at noon on Friday to celebrate a quarter without lost-time incidents.", back(4, "17:00")),
    msg("news-2", NEWS, [DANA_WORK], "This week: landfill capacity in the Midwest",
        "Regional landfill capacity and what it means for tipping fees.", back(3, "12:00")),
    msg("it-password", IT, [DANA_WORK], "Your password expires in 5 days",
        "Change it from any office computer with Ctrl+Alt+Del.", back(2, "13:00")),
    msg("pto", DANA_WORK, [ANA], "PTO request: December 24",
        "Hi Ana, may I take December 24 off? Sam agreed to cover dispatch.\n\nDana", back(1, "15:00")),
    msg("pto", ANA, [DANA_WORK], "RE: PTO request: December 24",
        "Approved. Enjoy!", back(1, "16:20")),
]

standup_start = next(d for d in range(-21, 0) if date_of(d).weekday() < 5)  # first weekday 3 weeks back
checkin_start = -weekday_back(15)
moved_day = -weekday_back(5)
moved_from = date_of(-weekday_back(6))
fair_day = -weekday_back(8)
work_events = [
    # with contacts
    event("Site walk: Greenfield Apartments", back(13, "16:00"), back(13, "17:00"), [attendee(MARIA)],
          location="Greenfield Apartments, Building C", body="Check the new 20-yard roll-off placement."),
    event("Weekly service check-in: Riverside Medical", at(checkin_start, "16:00"), at(checkin_start, "16:30"),
          [attendee(JAMES), attendee(JENNIFER, "tentativelyAccepted")], location="Microsoft Teams",
          body="Weekly check-in on the medical waste pickups.",
          recurrence={"frequency": "weekly", "interval": 1, "count": 6}),
    event("Lakeside schools: winter fair (extra roll-off on site)", at(fair_day, "00:00"), at(fair_day + 1, "00:00"),
          [attendee(PATRICIA), attendee(CARLOS_C, "none")], isAllDay=True,
          location="Lakeside High School, north lot"),
    event("Route planning: Summit Logistics", at(moved_day, "20:00"), at(moved_day, "21:00"), [attendee(ROBERT)],
          location="Microsoft Teams",
          body=f"Moved: first planned for {moved_from:%A %B} {moved_from.day} at 9:00 CT; Robert asked to move it "
               "to this slot."),
    event("Contract review: Oak Street Diner", back(4, "19:00"), back(4, "20:00"),
          [attendee(LINDA), attendee(DAVID, "declined")], isCancelled=True, location="Oak Street Diner",
          body="Cancelled: the diner is closed for renovation this week; we will find a new date."),
    shared_meeting,
    event("Grease trap service: Bluewater Brewery", ahead(2, "15:00"), ahead(2, "16:00"),
          [attendee(DANIEL, "notResponded")], location="Bluewater Brewery, back lot"),
    # with strangers only
    event("Dispatch stand-up", at(standup_start, "14:15"), at(standup_start, "14:30"),
          [attendee(ANA, "organizer"), attendee(MIKE), attendee(DANA_WORK)], organizer=ANA, location="Dispatch office",
          recurrence={"frequency": "weekly", "interval": 1,
                      "daysOfWeek": ["monday", "tuesday", "wednesday", "thursday", "friday"], "count": 30}),
    event("OSHA safety refresher (all dispatch)", back(12, "00:00"), at(-weekday_back(12) + 1, "00:00"),
          [attendee(TEAM)], isAllDay=True, location="Training room"),
    event("Truck 22 drop-off", back(9, "21:00"), back(9, "21:30"), [attendee(SHOP)],
          location="Midwest Truck Repair, 12 Industrial Pkwy"),
    event("1:1 with Ana", back(6, "20:00"), back(6, "20:30"), [attendee(ANA)], location="Ana's office"),
    event("Site walk: BrightBuild on Elm Street", ahead(3, "16:00"), ahead(3, "17:00"), [attendee(TOM, "tentativelyAccepted")],
          location="Elm Street build site"),
]

# --- dana.dispatch@gmail.com (Google) -----------------------------------------------------------------
saturday = next(d for d in range(-16, 0) if date_of(d).weekday() == 5)  # a Saturday about two weeks back
home_messages = [
    *shared_thread,
    # with contacts (who have Dana's personal address)
    msg("marina-saturday", MICHAEL, [DANA_HOME], "Saturday pickup at the marina",
        "Dana, sorry to write to your personal address: the marina's Saturday pickup did not happen and we "
        "have a boat show tomorrow.\n\nMichael", at(saturday, "15:00")),
    msg("marina-saturday", DANA_HOME, [MICHAEL], "Re: Saturday pickup at the marina",
        "On it: a truck will be there by 11.\n\nDana", at(saturday, "15:25"), cc=[KAREN_H]),
    msg("marina-saturday", KAREN_H, [DANA_HOME], "Re: Saturday pickup at the marina",
        "The truck came, thanks Dana!", at(saturday, "18:10"), cc=[MICHAEL]),
    msg("sunrise-bins", SUSAN, [DANA_HOME], "Recycling bins for the new bakery location",
        "Hi Dana, we open our second location next month. Could we get the same recycling setup there?\n\nSusan",
        back(8, "14:40")),
    msg("sunrise-bins", DANA_HOME, [SUSAN], "Re: Recycling bins for the new bakery location",
        "Of course! I will set it up from the office on Monday.\n\nDana", back(8, "23:10")),
    msg("granite-photos", DANA_HOME, [LISA], "Site cleanup photos",
        "Lisa, here are the photos of the cleared lot from this morning.\n\nDana", back(3, "16:45")),
    # with strangers only
    msg("bookclub", JESS, [DANA_HOME, OLIVIA, SAM], "Book club: December pick",
        "Nominations for December? I vote for something short, it is the holidays.", at(-17, "02:30")),
    msg("bookclub", OLIVIA, [JESS, DANA_HOME, SAM], "Re: Book club: December pick",
        "A short mystery then?", at(-17, "03:05")),
    msg("bookclub", DANA_HOME, [JESS, OLIVIA, SAM], "Re: Book club: December pick",
        "A mystery works for me. I can host.", at(-16, "01:40")),
    msg("bookclub", SAM, [JESS, OLIVIA, DANA_HOME], "Re: Book club: December pick",
        "Count me in, I will bring dessert.", at(-16, "14:00")),
    msg("soccer", COACH, [PARENTS], "Practice moved to Thursday",
        "This week's practice moves to Thursday at 5 pm because of the field maintenance.", at(-14, "18:00")),
    msg("soccer", DANA_HOME, [COACH], "Re: Practice moved to Thursday",
        "Thanks, Mia will be there.", at(-14, "19:30")),
    msg("power-bill", POWER, [DANA_HOME], "Your electric bill is ready",
        "Your bill of $84.12 is due on the 15th.", at(-11, "10:00")),
    msg("market", MARKET, [DANA_HOME], "This Saturday: the holiday market",
        "Forty vendors, hot cider and a kids' corner.", at(-6, "13:00")),
    msg("family", KATE, [DANA_HOME], "Leftovers and the pie dish",
        "You left your pie dish here! Also: leftovers are in my freezer if you want some.", at(-2, "22:00")),
    msg("family", DANA_HOME, [KATE], "Re: Leftovers and the pie dish",
        "Keep the leftovers, I will grab the dish on Sunday.", at(-1, "01:15")),
    msg("package", SHOP_ONLINE, [DANA_HOME], "Delivered: your package",
        "Your package was left at the front door.", "now-5h"),
]

practice_start = next(d for d in range(-21, 0) if date_of(d).weekday() == 3)  # a Thursday 3 weeks back
birthday = -11
home_events = [
    shared_meeting,
    event("Marina season close-out walk", back(11, "18:00"), back(11, "19:00"),
          [attendee(MICHAEL), attendee(KAREN_H), attendee(MARIA_A, "tentativelyAccepted")],
          location="Harbor Marina, dock office"),
    event("Coffee with Susan (Sunrise Bakery)", back(3, "14:30"), back(3, "15:00"), [attendee(SUSAN)],
          location="Sunrise Bakery, Main St"),
    # with strangers only
    event("Mia: soccer practice", at(practice_start, "23:00"), at(practice_start + 1, "00:00"),
          [attendee(COACH, "none")], location="Riverside Park field 3",
          recurrence={"frequency": "weekly", "interval": 1, "count": 6}),
    event("Dentist", back(8, "16:00"), back(8, "17:00"), [], location="Bright Smiles Dental"),
    event("Mom's birthday", at(birthday, "00:00"), at(birthday + 1, "00:00"), [attendee(KATE)], isAllDay=True),
    event("Book club at Dana's", at(-5, "01:00"), at(-5, "03:00"),
          [attendee(JESS), attendee(OLIVIA), attendee(SAM, "declined")], isCancelled=True,
          body="Cancelled: moving to January, too much going on."),
]


def stable_ids(mailboxes):
    """Fixed Message-IDs and iCalUIDs (the sandbox would draw random ones at every start), so that a
    second run on the same day shows NavusoftSync the very same messages and meetings again."""
    seen = {}
    for mailbox in mailboxes:
        numbers = {}
        for m in mailbox["messages"]:
            numbers[m["thread"]] = numbers.get(m["thread"], 0) + 1
            domain = m["from"].rstrip(">").rpartition("@")[2]
            m.setdefault("internetMessageId", f"<{m['thread']}-{numbers[m['thread']]}@{domain}>")
            assert seen.setdefault(m["internetMessageId"], id(m)) == id(m), f"Message-ID {m['internetMessageId']} twice"
        suffix = "demo-hauler.example" if mailbox["provider"] == "microsoft" else "google.com"
        for e in mailbox["events"]:
            slug = re.sub(r"[^a-z0-9]+", "-", e["subject"].lower()).strip("-")
            e.setdefault("iCalUId", f"{slug}@{suffix}")
            assert seen.setdefault(e["iCalUId"], id(e)) == id(e), f"iCalUID {e['iCalUId']} twice"


mailboxes = [
    {"email": WORK, "provider": "microsoft", "displayName": "Dana Dispatcher", "timeZone": "America/Chicago",
     "messages": work_messages, "events": work_events},
    {"email": HOME, "provider": "google", "displayName": "Dana Dispatcher", "timeZone": "America/Chicago",
     "messages": home_messages, "events": home_events},
]
stable_ids(mailboxes)
scenario = {"mailboxes": mailboxes}

text = json.dumps(scenario, indent=1, ensure_ascii=False) + "\n"
if len(sys.argv) > 1 and sys.argv[1] != "-":
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        out.write(text)
else:
    sys.stdout.write(text)
