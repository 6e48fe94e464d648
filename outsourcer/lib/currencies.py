"""ISO 4217 active currency codes with their minor-unit exponent (digits after the decimal point),
their English names for pickers ("EUR — euro"), and the currency a locale most likely pays in."""

# Codes with a minor-unit exponent other than 2.
_EXPONENTS = {
    "BHD": 3, "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "IQD": 3, "ISK": 0, "JOD": 3, "JPY": 0, "KMF": 0,
    "KRW": 0, "KWD": 3, "LYD": 3, "OMR": 3, "PYG": 0, "RWF": 0, "TND": 3, "UGX": 0, "UYI": 0, "UYW": 4,
    "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0, "CLF": 4,
}  # fmt: skip

_CODES = """
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN
BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP
GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF
KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR
MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK
SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU
UYW UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
"""

_NAMES = """
AED UAE dirham|AFN Afghan afghani|ALL Albanian lek|AMD Armenian dram|ANG Netherlands Antillean guilder
AOA Angolan kwanza|ARS Argentine peso|AUD Australian dollar|AWG Aruban florin|AZN Azerbaijani manat
BAM Bosnia-Herzegovina convertible mark|BBD Barbadian dollar|BDT Bangladeshi taka|BGN Bulgarian lev
BHD Bahraini dinar|BIF Burundian franc|BMD Bermudan dollar|BND Brunei dollar|BOB Bolivian boliviano
BOV Bolivian mvdol|BRL Brazilian real|BSD Bahamian dollar|BTN Bhutanese ngultrum|BWP Botswanan pula
BYN Belarusian ruble|BZD Belize dollar|CAD Canadian dollar|CDF Congolese franc|CHE WIR euro
CHF Swiss franc|CHW WIR franc|CLF Chilean unit of account (UF)|CLP Chilean peso|CNY Chinese yuan
COP Colombian peso|COU Colombian real value unit|CRC Costa Rican colón|CUP Cuban peso
CVE Cape Verdean escudo|CZK Czech koruna|DJF Djiboutian franc|DKK Danish krone|DOP Dominican peso
DZD Algerian dinar|EGP Egyptian pound|ERN Eritrean nakfa|ETB Ethiopian birr|EUR euro|FJD Fijian dollar
FKP Falkland Islands pound|GBP British pound|GEL Georgian lari|GHS Ghanaian cedi|GIP Gibraltar pound
GMD Gambian dalasi|GNF Guinean franc|GTQ Guatemalan quetzal|GYD Guyanaese dollar|HKD Hong Kong dollar
HNL Honduran lempira|HTG Haitian gourde|HUF Hungarian forint|IDR Indonesian rupiah|ILS Israeli new shekel
INR Indian rupee|IQD Iraqi dinar|IRR Iranian rial|ISK Icelandic króna|JMD Jamaican dollar|JOD Jordanian dinar
JPY Japanese yen|KES Kenyan shilling|KGS Kyrgystani som|KHR Cambodian riel|KMF Comorian franc
KPW North Korean won|KRW South Korean won|KWD Kuwaiti dinar|KYD Cayman Islands dollar|KZT Kazakhstani tenge
LAK Laotian kip|LBP Lebanese pound|LKR Sri Lankan rupee|LRD Liberian dollar|LSL Lesotho loti
LYD Libyan dinar|MAD Moroccan dirham|MDL Moldovan leu|MGA Malagasy ariary|MKD Macedonian denar
MMK Myanmar kyat|MNT Mongolian tugrik|MOP Macanese pataca|MRU Mauritanian ouguiya|MUR Mauritian rupee
MVR Maldivian rufiyaa|MWK Malawian kwacha|MXN Mexican peso|MXV Mexican investment unit|MYR Malaysian ringgit
MZN Mozambican metical|NAD Namibian dollar|NGN Nigerian naira|NIO Nicaraguan córdoba|NOK Norwegian krone
NPR Nepalese rupee|NZD New Zealand dollar|OMR Omani rial|PAB Panamanian balboa|PEN Peruvian sol
PGK Papua New Guinean kina|PHP Philippine peso|PKR Pakistani rupee|PLN Polish złoty|PYG Paraguayan guarani
QAR Qatari riyal|RON Romanian leu|RSD Serbian dinar|RUB Russian ruble|RWF Rwandan franc|SAR Saudi riyal
SBD Solomon Islands dollar|SCR Seychellois rupee|SDG Sudanese pound|SEK Swedish krona|SGD Singapore dollar
SHP St. Helena pound|SLE Sierra Leonean leone|SOS Somali shilling|SRD Surinamese dollar
SSP South Sudanese pound|STN São Tomé and Príncipe dobra|SVC Salvadoran colón|SYP Syrian pound
SZL Swazi lilangeni|THB Thai baht|TJS Tajikistani somoni|TMT Turkmenistani manat|TND Tunisian dinar
TOP Tongan paʻanga|TRY Turkish lira|TTD Trinidad and Tobago dollar|TWD New Taiwan dollar
TZS Tanzanian shilling|UAH Ukrainian hryvnia|UGX Ugandan shilling|USD US dollar|USN US dollar (next day)
UYI Uruguayan peso (indexed units)|UYU Uruguayan peso|UYW Uruguayan nominal wage index unit
UZS Uzbekistani som|VED Venezuelan bolívar digital|VES Venezuelan bolívar|VND Vietnamese dong
VUV Vanuatu vatu|WST Samoan tala|XAF Central African CFA franc|XCD East Caribbean dollar
XCG Caribbean guilder|XOF West African CFA franc|XPF CFP franc|YER Yemeni rial|ZAR South African rand
ZMW Zambian kwacha|ZWG Zimbabwe gold
"""

# Region (ISO 3166) → the currency it pays in, for guessing a new organization's currency from the
# browser's language ("pt-PT" → EUR).
_REGION_CURRENCY = """
AD:EUR AE:AED AF:AFN AG:XCD AI:XCD AL:ALL AM:AMD AO:AOA AR:ARS AS:USD AT:EUR AU:AUD AW:AWG AX:EUR AZ:AZN
BA:BAM BB:BBD BD:BDT BE:EUR BF:XOF BG:BGN BH:BHD BI:BIF BJ:XOF BL:EUR BM:BMD BN:BND BO:BOB BQ:USD BR:BRL
BS:BSD BT:BTN BW:BWP BY:BYN BZ:BZD CA:CAD CC:AUD CD:CDF CF:XAF CG:XAF CH:CHF CI:XOF CK:NZD CL:CLP CM:XAF
CN:CNY CO:COP CR:CRC CU:CUP CV:CVE CW:XCG CX:AUD CY:EUR CZ:CZK DE:EUR DJ:DJF DK:DKK DM:XCD DO:DOP DZ:DZD
EC:USD EE:EUR EG:EGP EH:MAD ER:ERN ES:EUR ET:ETB FI:EUR FJ:FJD FK:FKP FM:USD FO:DKK FR:EUR GA:XAF GB:GBP
GD:XCD GE:GEL GF:EUR GG:GBP GH:GHS GI:GIP GL:DKK GM:GMD GN:GNF GP:EUR GQ:XAF GR:EUR GT:GTQ GU:USD GW:XOF
GY:GYD HK:HKD HN:HNL HR:EUR HT:HTG HU:HUF ID:IDR IE:EUR IL:ILS IM:GBP IN:INR IO:USD IQ:IQD IR:IRR IS:ISK
IT:EUR JE:GBP JM:JMD JO:JOD JP:JPY KE:KES KG:KGS KH:KHR KI:AUD KM:KMF KN:XCD KP:KPW KR:KRW KW:KWD KY:KYD
KZ:KZT LA:LAK LB:LBP LC:XCD LI:CHF LK:LKR LR:LRD LS:LSL LT:EUR LU:EUR LV:EUR LY:LYD MA:MAD MC:EUR MD:MDL
ME:EUR MF:EUR MG:MGA MH:USD MK:MKD ML:XOF MM:MMK MN:MNT MO:MOP MP:USD MQ:EUR MR:MRU MS:XCD MT:EUR MU:MUR
MV:MVR MW:MWK MX:MXN MY:MYR MZ:MZN NA:NAD NC:XPF NE:XOF NF:AUD NG:NGN NI:NIO NL:EUR NO:NOK NP:NPR NR:AUD
NU:NZD NZ:NZD OM:OMR PA:PAB PE:PEN PF:XPF PG:PGK PH:PHP PK:PKR PL:PLN PM:EUR PN:NZD PR:USD PS:ILS PT:EUR
PW:USD PY:PYG QA:QAR RE:EUR RO:RON RS:RSD RU:RUB RW:RWF SA:SAR SB:SBD SC:SCR SD:SDG SE:SEK SG:SGD SH:SHP
SI:EUR SK:EUR SL:SLE SM:EUR SN:XOF SO:SOS SR:SRD SS:SSP ST:STN SV:USD SX:XCG SY:SYP SZ:SZL TC:USD TD:XAF
TG:XOF TH:THB TJ:TJS TK:NZD TL:USD TM:TMT TN:TND TO:TOP TR:TRY TT:TTD TV:AUD TW:TWD TZ:TZS UA:UAH UG:UGX
UM:USD US:USD UY:UYU UZ:UZS VA:EUR VC:XCD VE:VES VG:USD VI:USD VN:VND VU:VUV WF:XPF WS:WST XK:EUR YE:YER
YT:EUR ZA:ZAR ZM:ZMW ZW:ZWG
"""

CURRENCIES: frozenset[str] = frozenset(_CODES.split())
CURRENCY_NAMES: dict[str, str] = dict(
    item.strip().split(" ", 1) for item in _NAMES.replace("\n", "|").split("|") if item.strip()
)
REGION_CURRENCY: dict[str, str] = dict(item.split(":") for item in _REGION_CURRENCY.split())
# A language tag without a region ("de", "ja"): the currency when the language points at one.
_LANGUAGE_CURRENCY = {
    "bg": "BGN", "cs": "CZK", "da": "DKK", "de": "EUR", "el": "EUR", "et": "EUR", "fi": "EUR", "fr": "EUR",
    "ga": "EUR", "hr": "EUR", "hu": "HUF", "is": "ISK", "it": "EUR", "ja": "JPY", "ko": "KRW", "lt": "EUR",
    "lv": "EUR", "mt": "EUR", "nb": "NOK", "nl": "EUR", "nn": "NOK", "no": "NOK", "pl": "PLN", "ro": "RON",
    "sk": "EUR", "sl": "EUR", "sv": "SEK", "th": "THB", "tr": "TRY", "uk": "UAH", "vi": "VND",
}  # fmt: skip


def currency_label(code: str) -> str:
    """ "EUR — euro"; the bare code when it has no name here."""
    name = CURRENCY_NAMES.get(code)
    return f"{code} — {name}" if name else code


CURRENCY_CHOICES = [(code, currency_label(code)) for code in sorted(CURRENCIES)]
_BY_NAME = {name.lower(): code for code, name in CURRENCY_NAMES.items()}


def currency_from_text(text: str) -> str | None:
    """What a person typed into a currency picker → a code, or None. Takes the picker's labels
    ("EUR — euro"), codes in any case and names ("Swiss franc")."""
    head = text.split("—", 1)[0].strip()
    if head.upper() in CURRENCIES:
        return head.upper()
    return _BY_NAME.get(head.lower())


def currency_for_locale(tag: str) -> str | None:
    """The currency a language tag's region pays in ("pt-PT" → EUR, "en_US" → USD, "de" → EUR);
    None when the tag does not say ("en", "es-419")."""
    parts = tag.replace("_", "-").split("-")
    for part in parts[1:]:
        if len(part) == 2 and part.isalpha():
            return REGION_CURRENCY.get(part.upper())
    return _LANGUAGE_CURRENCY.get(parts[0].lower())


def is_currency(code: str) -> bool:
    return code in CURRENCIES


def minor_unit_exponent(code: str) -> int:
    return _EXPONENTS.get(code, 2)
