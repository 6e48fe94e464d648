"""The vocabulary of lib/similarity.py: words that carry no meaning, words every task shares,
words that pin work to one period, language, platform or audience, and groups of words that name
the same thing in the work small businesses outsource (docs/similar.md says how it was chosen)."""

STOPWORDS = frozenset(
    """a an the and or of for to in on at by with from into onto about as is are be been it its our
    we us you your my me i this that these those their them they his her each every all any some
    per via up off out do does doing done get gets need needs want please can could should would
    will just also new very more most than then there here so but not no one ones etc""".split()
)

# Verbs and nouns nearly every task has: they count, but little.
GENERIC = frozenset(
    """write create make design prepare build add update set setup do run new draft work task job
    help plan produce deliver put take find get change improve check review finish start complete
    fresh refresh redo rework revise again first final version""".split()
)

NUMBER_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "fifteen": "15",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "hundred": "100",
}

MONTHS = frozenset("""january february march april may june july august september october november december""".split())
PERIODS = frozenset(
    """spring summer autumn fall winter christmas easter halloween valentine blackfriday weekday
    weekend monday tuesday wednesday thursday friday saturday sunday seed seriesa seriesb""".split()
)
LANGUAGES = frozenset(
    """english german french spanish italian portuguese dutch polish swedish danish norwegian
    finnish greek turkish russian ukrainian chinese japanese korean arabic hindi""".split()
)
PLATFORMS = frozenset(
    """instagram facebook linkedin tiktok youtube twitter pinterest etsy shopify amazon ebay
    wordpress ghost wix squarespace xero quickbooks sage hubspot mailchimp google bing""".split()
)
AUDIENCES = frozenset(
    """customer client shopper investor staff employee supplier vendor partner stockist wholesale
    retail beginner professional kid child parent student teacher patient member volunteer
    freelancer""".split()
)

# Two words read as one (after lower-casing): "web shop" and "webshop" are the same word.
COMPOUNDS = {
    "web site": "website",
    "web shop": "webshop",
    "home page": "homepage",
    "e mail": "email",
    "set up": "setup",
    "black friday": "blackfriday",
    "series a": "seriesa",
    "series b": "seriesb",
    "check out": "checkout",
    "log in": "login",
    "sign up": "signup",
    "year end": "yearend",
    "off site": "offsite",
    "pitch deck": "deck",
    "price list": "pricelist",
    "pay roll": "payroll",
    "pay button": "checkout",
}

# Each line: words that name the same thing here; the first is the concept's name.
SYNONYMS = [
    "photo picture image photograph photography shot shoot retake pic",
    "shop store storefront",
    "online web internet digital",
    "website site",
    "homepage landing",
    "fix repair debug resolve broken solve",
    "bug issue error defect problem",
    "mobile phone smartphone iphone android ios",
    "caption copy text wording subtitle srt",
    "post article entry",
    "blog weblog",
    "video film clip footage",
    "edit cut trim",
    "logo brandmark emblem",
    "translate translation localise localize",
    "newsletter mailing bulletin",
    "email mail inbox mailbox",
    "ad ads advert advertisement advertising adword",
    "campaign promotion",
    "migrate migration move transfer port",
    "account accounts",
    "annual yearly yearend",
    "report statement",
    "reconcile reconciliation match",
    "invoice bill",
    "unpaid overdue late outstanding",
    "chase follow remind",
    "payroll salary salaries payslip wage",
    "flyer leaflet handout",
    "crm contact contacts",
    "deduplicate dedupe duplicate merge clean cleanup tidy",
    "speed faster fast quick load performance slow",
    "research study analysis investigate compare survey",
    "competitor rival competition",
    "price pricing pricelist cost rate fee",
    "booking appointment reservation book",
    "packaging wrapper package pack box",
    "transcribe transcription transcript",
    "interview conversation",
    "deck presentation slide slideshow",
    "test coverage",
    "dish meal plate",
    "moderate manage moderation",
    "comment reply",
    "backup back",
    "automatic automate automated nightly daily",
    "server hosting host",
    "offsite retreat away",
    "organise organize arrange",
    "jingle sting",
    "compose record",
    "recipe cooking",
    "month monthly",
    "descriptions description",
    "product item",
]
