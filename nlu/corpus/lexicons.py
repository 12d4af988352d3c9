"""Word lists the generator fills templates from: verbs, kinds, titles, places, people, chatter.

Values are written in their typed form (proper nouns capitalised, digits); the spoken
transform lowercases and reads them out. Every list is split by `nlu.corpus.split` into
values the training data may use and values kept for the dev split only.
"""
from __future__ import annotations

# ACTION words per intent. The guide's verbs plus the ones people actually say.
VERBS = {
    "create": [
        "schedule", "create", "add", "put", "book", "reserve", "set up", "arrange", "plan",
        "organise", "organize", "make", "remind me of", "pencil in", "jot down", "line up",
        "set", "enter", "insert", "log", "note", "mark", "block", "block off", "block out",
        "save", "register", "fix", "slot in", "squeeze in", "fit in", "sign me up for",
        "put down", "write down", "add in", "hold", "lock in", "set aside",
        "remind me about", "remind me of", "sort out", "pin", "record", "tentatively schedule",
    ],
    "cancel": [
        "cancel", "delete", "remove", "call off", "drop", "clear", "scrap", "erase",
        "get rid of", "nix", "take off", "cross off", "strike", "wipe", "wipe out", "axe",
        "scratch", "kill", "cancel out", "discard", "unschedule", "delete off", "take out",
        "trash", "abandon", "skip", "forget", "rub out", "clear out", "void",
    ],
    "reschedule": [
        "change", "move", "reschedule", "push", "push back", "postpone", "shift", "bring forward",
        "delay", "bump", "rebook", "rearrange", "move up", "pull forward", "put off",
        "defer", "update", "modify", "adjust", "swap", "switch", "relocate", "shift back",
        "move back", "set back", "bring back", "slide", "re-plan", "amend", "edit", "retime",
    ],
    "query": [
        "show", "list", "check", "tell me", "show me", "read out", "read me", "give me",
        "look up", "find", "pull up", "display", "open", "let me see", "bring up", "review",
        "go over", "run through", "walk me through", "search for",
    ],
}

# Generic kinds of calendar item (DOMAIN), singular and plural: the guide's words and the
# container words ("calendar entry", "item"). Other kind words ("interview", "class", "catch-up",
# "visit") are what the event is, so they are titles (NAME): ANNOTATION.md lists DOMAIN as
# event, calendar event, meeting, appointment, reminder, call, session, party, booking.
DOMAINS = [
    "event", "calendar event", "meeting", "appointment", "reminder", "call", "session",
    "party", "booking", "calendar entry", "entry", "event reminder", "calendar item", "item",
    "conference call", "video call", "phone call",
]
DOMAINS_PLURAL = [
    "events", "meetings", "appointments", "reminders", "calls", "sessions", "parties",
    "bookings", "entries", "items",
]

# Event titles (NAME): short, long, multi-word, proper nouns, odd ones, names with numbers.
NAMES = [
    "AI", "visit to Trivandrum", "Pongal celebration", "team brainstorming session",
    "competitions", "client meeting", "dentist appointment", "mall visit", "dentist",
    "mom's birthday", "Q3 OKR review", "yoga", "standup", "daily standup", "sprint planning",
    "sprint retro", "board meeting", "lunch", "dinner", "haircut", "doctor appointment",
    "oil change", "parent teacher conference", "piano lesson", "soccer practice", "baseball practice",
    "book club", "team offsite", "quarterly business review", "1:1", "1 on 1",
    "doctor's appointment", "eye exam", "vet appointment", "gym", "leg day", "biology test", "dinner party", "pool party",
    "Diwali party", "Christmas dinner", "Thanksgiving potluck", "Eid celebration",
    "Holi festival", "Onam sadhya", "Hanukkah dinner", "Lunar New Year parade",
    "flight to Chicago", "trip to Goa", "train to Mumbai", "Paris trip", "weekend in Napa",
    "project kickoff", "design review", "code review", "budget review", "performance review",
    "tax filing", "rent payment", "car service", "plumber visit", "cable installation",
    "wedding anniversary", "Anna's wedding", "baby shower", "housewarming", "graduation party",
    "job interview", "Google interview", "coffee", "drinks", "wedding", "holiday", "vacation",
    "study group", "CS101 lecture", "chem lab", "exam prep", "math tutoring", "swim class",
    "therapy", "physio", "blood test", "flu shot", "annual checkup", "MRI scan",
    "pick up the kids", "grocery run", "laundry", "clean the garage", "water the plants",
    "HOA meeting", "PTA meeting", "town hall", "all hands", "release 2.0 launch",
    "v3 demo", "product demo", "Acme sales call", "investor pitch", "hackathon",
    "marathon training", "5k run", "tennis", "golf", "picnic", "concert", "election", "poker night", "movie night",
    "game night", "date night", "family dinner", "brunch", "team lunch", "happy hour",
    "Beyonce concert", "Coldplay tickets", "Lakers game", "football match", "school play",
    "recital", "choir practice", "church", "temple visit", "bible study", "volunteering",
    "blood donation drive", "charity gala", "fundraiser", "networking event", "webinar",
    "GDPR training", "fire drill", "server maintenance", "backup window", "deploy freeze",
    "ISO audit", "Q4 planning", "OKR check-in", "KPI sync", "HR sync", "1:1", "retro",
    "Grandma's 80th birthday", "John's farewell", "welcome lunch for new hires",
    "visit to the Taj Mahal", "Pongal", "Sankranti", "Ramadan iftar", "Easter brunch",
    "architect meeting", "bank call", "parents' evening", "society meeting", "evening program",
    "X-ray", "COVID booster", "root canal", "teeth cleaning", "dermatologist",
    "car wash", "DMV appointment", "passport renewal", "visa interview", "court hearing",
    "jury duty", "open house", "house viewing", "moving day", "garage sale",
    "birthday party", "Sam's bday", "bachelor party", "reunion", "alumni meetup",
    "pottery class", "salsa lessons", "French class", "coding bootcamp", "F1 race",
    "NBA finals", "World Cup final", "Super Bowl party", "Oscars watch party", "B2B summit",
    "WWDC keynote", "AWS re:Invent", "all-staff", "quarterly sync", "team sync",
    "weekly 1:1", "design sync", "handover", "shift change", "visa application",
    "night shift", "payday", "bills", "pay the electricity bill", "call mom",
    "take medication", "feed the cat", "walk the dog", "pick up dry cleaning",
    "Bob's retirement party", "Mia's recital", "Leo's soccer game", "Zoe's playdate",
    "ballet", "karate", "scouts", "orchestra rehearsal", "band practice", "gig at the Blue Note",
    "brain storming session", "strategy offsite", "kickoff", "postmortem", "incident review",
    # everyday one- and two-word titles as people say them
    "prayer", "friday prayer", "hockey game", "bill cycle", "trash pickup", "recycling day",
    "inauguration", "graduation", "rehearsal", "dress rehearsal", "practice", "training",
    "workout", "pilates", "spin class", "book signing", "parade", "carnival", "festival", "fair",
    "exam", "midterm", "final exam", "quiz", "presentation", "lecture", "seminar", "workshop",
    "conference", "summit", "expo", "trade show", "open mic", "karaoke", "barbecue", "bbq",
    "potluck", "sleepover", "playdate", "daycare pickup", "school run", "carpool", "orientation",
    "checkup", "physical", "vaccination", "surgery", "follow up", "consultation", "massage",
    "manicure", "facial", "spa day", "wedding rehearsal", "engagement party", "anniversary dinner",
    "funeral", "memorial service", "baptism", "bar mitzvah", "christening", "housewarming party",
    "farewell party", "welcome party", "team building", "offsite", "retreat", "board game night",
    "trivia night", "quiz night", "wine tasting", "cooking class", "art class", "dance class",
    "guitar lesson", "swimming lesson", "driving lesson", "driving test", "road test", "job fair",
    "career fair", "science fair", "bake sale", "yard sale", "flea market", "car boot sale",
    "dinner reservations", "sister visiting", "family reunion", "cousin's wedding", "dad's birthday",
    "Sarah's birthday", "Eric's bday", "Dan's graduation", "Mona's wedding", "Albert's marriage",
    "Maggie Rogers concert", "Taylor Swift concert", "the game", "cheat day", "rest day", "payday",
    "deadline", "project deadline", "tax deadline", "report due", "rent due", "bill payment",
    "insurance renewal", "car insurance", "lease signing", "closing", "house closing",
    # kind words that say what the event is (not DOMAIN: see DOMAINS)
    "get-together", "meetup", "gathering", "catch-up", "catch up", "engagement", "occasion", "get together",
    "visit", "class", "lesson", "interview", "hangout", "date", "date night", "shift",
]

# Things to be reminded to do (NAME after "remind me to", "don't let me forget to").
TASKS = [
    "pick up the laundry", "take my medicine", "pay my internet bill", "go to work", "make a pizza",
    "call mom", "visit my father", "water the plants", "feed the cat", "walk the dog", "buy a gift",
    "take out the trash", "submit the report", "renew my passport", "book flights", "pay rent",
    "pick up the kids", "send the invoice", "call the dentist", "take my rain coat", "stretch",
    "drink water", "charge my phone", "check the oven", "email Sarah", "get groceries",
    "pick up dry cleaning", "return the library books", "move the car", "lock the door",
    "finish the slides", "study for the exam", "meditate", "go for a run", "clean the kitchen",
    "prepare the agenda", "call the plumber", "order the cake", "pick up Grandma", "RSVP to Anna",
]

# Where (LOCATION).
LOCATIONS = [
    "Teak Oaks HOA", "Oaks HOA", "the mall", "room 4B", "the office", "the gym", "home",
    "the library", "conference room B", "the cafeteria", "Starbucks", "the park",
    "Central Park", "the community center", "city hall", "the clubhouse", "the studio",
    "building 7", "the main hall", "the school", "St. Mary's church", "the airport",
    "Terminal 2", "the dentist's office", "the hospital", "Room 101", "the lab",
    "the boardroom", "Zoom", "Google Meet", "Teams", "the rooftop", "the beach",
    "Joe's Diner", "the Marriott", "the town square", "the stadium", "the pool",
    "floor 3", "the downtown office", "the warehouse", "the pub", "my place", "her place",
    "the Hilton", "Olive Garden", "the farmers market", "the temple", "the mosque",
    "Pier 39", "the courthouse", "the embassy", "the YMCA", "Lab 2", "the auditorium",
    "the cafe on Main Street", "5th Avenue", "the community hall", "the gurdwara",
    # street addresses and shop or venue names, as people type them
    "1450 Oak Avenue", "77 Kingsley Road", "310 W 42nd St", "2200 Mission Street", "18 Birch Lane",
    "400 Broadway", "9 Harbour View Drive", "1201 Lakeshore Blvd", "56 Queen's Road", "3 Elm Court",
    "Suite 210, 88 Pine St", "740 Sunset Boulevard", "12B Station Road", "1 Market Square",
    "Supercuts", "Trader Joe's", "the Apple Store", "Chipotle", "Panera Bread", "Blue Bottle Coffee",
    "Whole Foods", "Planet Fitness", "Costco", "Home Depot", "Walgreens", "the Hyatt Regency",
    "Dolores Park", "Barnes & Noble", "IKEA", "the Ritz", "Nando's", "Pizza Express", "Equinox",
    "the Sheraton downtown", "Kaiser Permanente", "Mayo Clinic", "Lincoln Center", "the Science Museum",
    "Costa", "Caffe Nero", "Greggs", "Tesco Express", "the Odeon", "Wetherspoons", "Dishoom", "Five Guys",
    "Manchester", "Bristol", "Denver", "Portland", "Edinburgh", "Toronto", "Dublin", "Brooklyn",
    "the clinic on Park Road", "Harbour Dental", "City Physio", "the town library", "Riverside Park",
    "Teams", "Google Meet", "Skype", "the Grand Hotel", "Meeting Room 2", "the boardroom on floor 4",
]

# Who (PERSON).
PEOPLE = [
    "Bob", "my boss", "the landlord", "my colleague", "Sarah", "John", "Priya", "Raj",
    "the team", "my manager", "mom", "dad", "my wife", "my husband", "the kids", "Dr. Green",
    "Dr Patel", "the plumber", "my sister", "my brother", "grandma", "the CFO", "the CEO",
    "Alex", "Maria", "Chen", "Fatima", "Ahmed", "Olivia", "Liam", "Noah", "Emma",
    "the client", "the recruiter", "my tutor", "my therapist", "the accountant", "Mike",
    "Jessica", "Mr. Thompson", "Mrs. Lee", "my mentor", "the design team", "HR", "legal",
    "my dentist", "the vendor", "the contractor", "Anil", "Lakshmi", "Karthik", "Sofia",
    "my friend", "my parents", "the neighbors", "coach Carter", "Professor Adams", "Jane",
    "friend", "boss", "colleague", "sister", "my cousin", "Frank", "Lisa", "Evan Parker", "Dr Greens",
    "the players", "my team", "Tom", "Sam", "Joe", "Al", "Allen", "Kimberly", "Chris", "Dave",
]

# Titles that are one everyday kind word, which a verb acts on ("move lunch", "before the dentist").
KIND_NAMES = ["dentist", "lunch", "dinner", "breakfast", "brunch", "standup", "gym", "haircut", "doctor", "vet",
              "physio", "yoga", "therapy", "interview", "offsite", "retro", "drinks", "coffee", "walk",
              "class", "practice", "rehearsal", "recital", "checkup", "massage", "lesson", "tutoring", "training"]

# A person's event, one NAME ("Sarah's baby shower"): first names and the events people have.
FIRST_NAMES = ["Sarah", "Ravi", "Mia", "Leo", "Anna", "Grandpa", "Mom", "Dad", "Priya", "Jonas", "Chloe", "Mateo",
               "Aunt Rosa", "Uncle Ben", "Noor", "Kenji", "Olivia", "Sam", "Zara", "Finn", "Amara", "Luca"]
OWNED_EVENTS = ["birthday", "bday", "birthday party", "wedding", "graduation", "recital", "farewell", "baby shower",
                "retirement party", "housewarming", "leaving do", "engagement party", "piano recital", "football match",
                "school play", "parents evening", "40th", "80th", "anniversary dinner", "christening", "hen do",
                "book launch", "art show", "dance recital", "first day at school", "surgery", "concert"]

# Politeness and lead-ins (never ACTION).
LEAD_INS = [
    "", "", "", "", "", "please ", "could you please ", "can you ", "could you ", "would you ",
    "would you please ", "i need to ", "i want to ", "i'd like to ", "hey ", "hey assistant ",
    "ok ", "okay ", "please can you ", "can you please ", "i would like to ", "let's ",
    "go ahead and ", "i need you to ", "will you ", "help me ", "quickly ", "hi, ",
    "hey there, ", "assistant, ", "yo ", "kindly ", "could you kindly ", "i wanna ",
    "you need to ", "can u ", "pls ", "hey, can you ", "um can you ", "i'd love to ",
    "olly ", "olly ", "hey olly ", "olly please ", "alexa ", "siri ", "ok google ", "olly can you ",
]
# Whole sentences typed around a request (generator.courteous).
GREETINGS = ["Hiya!", "Oh no,", "Oops,", "Argh.", "Hi!", "Hello,", "Hey there!", "Good morning!", "Morning.", "Hi there.", "Quick one:", "Hey,",
             "Sorry to bother you.", "Hope you're well!", "Busy week ahead.", "Okay so", "Hello! Quick request.",
             "Good afternoon.", "Hi assistant.", "Right,", "One more thing:", "Heads up:"]
THANKS = ["Thanks!", "Thank you.", "Thanks a lot!", "Cheers!", "Much appreciated.", "Thank you so much!",
          "Appreciate it.", "Thanks in advance.", "That would be great, thanks.", "Ta!", "Thx!", "Thanks :)",
          "Many thanks.", "Great, thank you!"]
TAILS = ["", "", "", "", "", " please", " thanks", " thank you", " for me", " asap",
         " if you can", " now", " right away", " in my calendar", " on my calendar",
         " to my calendar", " in the calendar", " for me please"]
ARTICLES = ["a ", "an ", "the ", "my ", "our ", "", "", "this ", "that "]
POSSESSIVES = ["my ", "the ", "", "our "]
CALENDAR_WORDS = ["calendar", "schedule", "agenda", "diary", "planner", "calendar app"]

# Out-of-scope material: things a home assistant hears that are not calendar commands.
SONGS = ["Bohemian Rhapsody", "some jazz", "Taylor Swift", "the Beatles", "lo-fi beats",
         "my workout playlist", "Despacito", "something relaxing", "classical music",
         "the latest Drake album", "Hotel California", "radio 4", "NPR", "a podcast",
         "Shape of You", "rock music", "the news podcast", "white noise", "kids songs"]
CITIES = ["London", "Chicago", "Mumbai", "Paris", "Tokyo", "Berlin", "Seattle", "Delhi",
          "Boston", "Sydney", "Chennai", "Trivandrum", "New York", "Austin", "Madrid"]
ITEMS = ["milk", "eggs", "bread", "bananas", "coffee", "toilet paper", "dog food",
         "batteries", "olive oil", "rice", "apples", "detergent", "butter", "tomatoes"]
LISTS = ["shopping list", "grocery list", "to-do list", "todo list", "packing list", "wish list"]
DEVICES = ["the lights", "the living room lights", "the fan", "the heater", "the TV",
           "the kitchen lights", "the thermostat", "the vacuum", "the robot vacuum",
           "the bedroom lamp", "the air conditioner", "the coffee machine", "the plug"]
