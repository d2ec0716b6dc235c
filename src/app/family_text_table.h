/* The family pages' texts: X(id, English, Polish). Included by
 * app/family_text.h (the enum) and app/family_text.c (the table) only.
 * Polish: TO REVIEW by a native speaker. Each translation must take the
 * same printf arguments, in the same order, as the English. */
#define FAMILY_TEXTS(X)                                                                      \
	/* ---- the frame ---- */                                                            \
	X(FT_SKIP, "Skip to the main content", "Przejdź do treści")                            \
	X(FT_NAV_HOME, "Home", "Strona główna")                                                \
	X(FT_NAV_REPORT, "Report an absence", "Zgłoś nieobecność")                             \
	X(FT_NAV_LEAVE, "Ask for leave", "Wniosek o zwolnienie")                               \
	X(FT_NAV_REQUESTS, "Reports and requests", "Zgłoszenia i wnioski")                     \
	X(FT_NAV_MESSAGES, "Messages and letters", "Wiadomości i listy")                       \
	X(FT_NAV_ME, "My attendance", "Moja frekwencja")                                       \
	X(FT_NAV_LABEL, "Family pages", "Strony dla rodziny")                                  \
	X(FT_SIGN_OUT, "Sign out", "Wyloguj")                                                  \
	X(FT_SIGNED_IN_AS, "Signed in as %s", "Zalogowano jako %s")                            \
	X(FT_OTHER_LANGUAGE, "Polski", "English")                                              \
	X(FT_OTHER_LANGUAGE_NAME, "Czytaj po polsku", "Read in English")                       \
	/* ---- the parent's home ---- */                                                    \
	X(FT_HOME_TITLE, "Your children's attendance", "Frekwencja Państwa dzieci")            \
	X(FT_NO_CHILDREN,                                                                      \
	  "Your account is not linked to a pupil at the moment. If you think this is a "      \
	  "mistake, please contact the school office.",                                        \
	  "Konto nie jest obecnie powiązane z żadnym uczniem. Jeśli to pomyłka, prosimy o "    \
	  "kontakt z sekretariatem szkoły.")                                                   \
	X(FT_SEE_CHILD, "See all of %s's attendance", "Pełna frekwencja: %s")                  \
	X(FT_YEAR_FORM, "Year %s, form %s", "Rok %s, klasa %s")                                \
	X(FT_OPEN_ITEMS, "Waiting for the school", "Czeka na decyzję szkoły")                  \
	/* ---- a child's attendance ---- */                                                 \
	X(FT_TODAY, "Today", "Dzisiaj")                                                        \
	X(FT_TODAY_LINE, "Morning: %s. Afternoon: %s.", "Rano: %s. Po południu: %s.")          \
	X(FT_NOT_SCHOOL_TODAY, "There is no school today.", "Dziś nie ma zajęć w szkole.")     \
	X(FT_MARK_NONE, "not marked yet", "jeszcze nie sprawdzono")                            \
	X(FT_MARK_PRESENT, "in school", "w szkole")                                            \
	X(FT_MARK_LATE, "in school, arrived late", "w szkole, spóźnienie")                     \
	X(FT_MARK_LATE_MIN, "in school, arrived %d minutes late",                              \
	  "w szkole, spóźnienie %d min")                                                       \
	X(FT_MARK_APPROVED, "away on an approved educational activity",                        \
	  "poza szkołą na zatwierdzonych zajęciach edukacyjnych")                              \
	X(FT_MARK_ABSENT, "absent: %s", "nieobecność: %s")                                     \
	X(FT_MARK_NOT_EXPECTED, "not expected in school", "nieobecność nie jest liczona")     \
	X(FT_ATTENDANCE, "Attendance", "Frekwencja")                                           \
	X(FT_THIS_WEEK, "This week", "Ten tydzień")                                            \
	X(FT_THIS_HALF_TERM, "This half-term", "Ten półsemestr")                               \
	X(FT_THIS_YEAR, "This school year", "Ten rok szkolny")                                 \
	X(FT_NOTHING_YET, "Nothing to count yet", "Na razie brak danych")                      \
	X(FT_MISSED_OF, "Missed %s of %s", "Nieobecności: %s z %s")                            \
	X(FT_MISSED_NONE, "Not a day missed (%s so far)",                                      \
	  "Bez nieobecności (%s dotychczas)")                                                  \
	X(FT_BAND, "Attendance band", "Poziom frekwencji")                                     \
	X(FT_BAND_IS, "%s's band this school year: %s", "Poziom frekwencji (%s): %s")          \
	X(FT_BAND_EXACT, "attendance of %s", "frekwencja %s")                                  \
	X(FT_BAND_TOP, "attendance of %s or more", "frekwencja %s lub więcej")                 \
	X(FT_BAND_RANGE, "attendance from %s to under %s", "frekwencja od %s do poniżej %s")   \
	X(FT_BAND_BOTTOM, "attendance under %s", "frekwencja poniżej %s")                      \
	X(FT_BAND_DAYS_NONE, "not a single day missed in the year",                            \
	  "ani jednego dnia nieobecności w roku")                                              \
	X(FT_BAND_DAYS_UPTO, "fewer than %s missed in a school year of %d days",               \
	  "mniej niż %s nieobecności w roku szkolnym liczącym %d dni")                         \
	X(FT_BAND_DAYS_RANGE, "%s to %s missed in a school year of %d days",                   \
	  "od %s do %s nieobecności w roku szkolnym liczącym %d dni")                          \
	X(FT_BAND_DAYS_MORE, "more than %s missed in a school year of %d days",                \
	  "ponad %s nieobecności w roku szkolnym liczącym %d dni")                             \
	X(FT_BAND_LIST, "The school's bands", "Poziomy frekwencji w szkole")                   \
	X(FT_BAND_YOU, "(this band)", "(ten poziom)")                                          \
	X(FT_DFE_INTRO, "As the Department for Education counts it, absence this year is %s",  \
	  "Według zasad Ministerstwa Edukacji (DfE) nieobecności w tym roku wynoszą %s")       \
	X(FT_DFE_BAND, " (its band of absence: %s%%).", " (przedział nieobecności: %s%%).")    \
	X(FT_DFE_NO_BAND, ".", ".")                                                            \
	X(FT_DFE_SEVERE,                                                                       \
	  "That is severe absence: missing half of school or more. We want to help, and "     \
	  "will work with you and other services to get things back on track.",                \
	  "To bardzo częste nieobecności (połowa zajęć lub więcej). Chcemy pomóc i razem z "    \
	  "Państwem oraz innymi służbami zadbać o powrót do szkoły.")                          \
	X(FT_DFE_PERSISTENT,                                                                   \
	  "That is persistent absence: missing 10%% or more, about a day every two weeks. "     \
	  "Please talk to us about anything that makes school hard.",                          \
	  "To częste nieobecności: 10%% lub więcej, czyli około dnia co dwa tygodnie. Prosimy " \
	  "o rozmowę o wszystkim, co utrudnia chodzenie do szkoły.")                           \
	X(FT_DFE_AT_RISK,                                                                      \
	  "That is close to persistent absence (10%% or more). A few more days in school "      \
	  "each half-term make a real difference.",                                            \
	  "To blisko granicy częstych nieobecności (10%% lub więcej). Kilka dni więcej w "      \
	  "szkole w każdym półsemestrze robi dużą różnicę.")                                   \
	X(FT_DFE_OK, "That is under 5%%, where schools start to worry. Thank you!",             \
	  "To mniej niż 5%%, od których szkoła zaczyna się niepokoić. Dziękujemy!")             \
	X(FT_DFE_TOO_FEW,                                                                      \
	  "It is early in the school year (fewer than 20 sessions), so this can change "       \
	  "quickly.",                                                                          \
	  "To początek roku szkolnego (mniej niż 20 zajęć), więc może się to szybko zmienić.") \
	X(FT_WEEK_BY_WEEK, "Week by week", "Tydzień po tygodniu")                              \
	X(FT_CHART_ALT, "Attendance each week this school year, from %s to %s",                \
	  "Frekwencja w kolejnych tygodniach roku szkolnego, od %s do %s")                     \
	X(FT_CHART_TABLE, "The figures week by week", "Dane tydzień po tygodniu")              \
	X(FT_WEEK_OF, "Week of", "Tydzień od")                                                 \
	X(FT_SCHOOL_DAYS, "School days", "Dni nauki")                                          \
	X(FT_CHART_KEY,                                                                        \
	  "Each bar is a week: blue at 90%% or more, red under 90%%. The dashed line is 90%%.",  \
	  "Każdy słupek to tydzień: niebieski od 90%% w górę, czerwony poniżej 90%%. Linia "    \
	  "przerywana to 90%%.")                                                                \
	X(FT_TREND_WEEK_UP, "This week is going better than last week: %s, up from %s.",       \
	  "Ten tydzień idzie lepiej niż poprzedni: %s, wcześniej %s.")                         \
	X(FT_TREND_WEEK_DOWN, "This week is lower than last week: %s, down from %s.",          \
	  "Ten tydzień jest słabszy niż poprzedni: %s, wcześniej %s.")                         \
	X(FT_TREND_WEEK_SAME, "This week is about the same as last week (%s).",                \
	  "Ten tydzień wygląda podobnie jak poprzedni (%s).")                                  \
	X(FT_TREND_HT_UP, "This half-term is better than the last one: %s, up from %s.",      \
	  "Ten półsemestr jest lepszy niż poprzedni: %s, wcześniej %s.")                       \
	X(FT_TREND_HT_DOWN, "This half-term is lower than the last one: %s, down from %s.",   \
	  "Ten półsemestr jest słabszy niż poprzedni: %s, wcześniej %s.")                      \
	X(FT_TREND_HT_SAME, "This half-term is about the same as the last one (%s).",          \
	  "Ten półsemestr wygląda podobnie jak poprzedni (%s).")                               \
	X(FT_BACK90, "Back to 90%%", "Powrót do 90%%")                                           \
	X(FT_BACK90_REACHABLE,                                                                 \
	  "To get back to 90%% by the end of the school year, %s needs to attend every day until %s: %d school "      \
	  "days in a row, starting %s.",                                                       \
	  "Aby wrócić do 90%% do końca roku szkolnego, dziecko (%s) powinno być w szkole codziennie do %s: "   \
	  "%d dni nauki z rzędu, od %s.")                                                      \
	X(FT_BACK90_UNREACHABLE,                                                               \
	  "Getting back to 90%% by %s is no longer possible, but every day still counts: "      \
	  "attending every one of the %d school days left would bring attendance to %s.",      \
	  "Powrót do 90%% do %s nie jest już możliwy, ale każdy dzień się liczy: obecność "     \
	  "we wszystkie pozostałe dni nauki (%d) podniesie frekwencję do %s.")                 \
	X(FT_LATENESS, "Lateness", "Spóźnienia")                                               \
	X(FT_LATE_NONE, "No late arrivals this school year. Thank you!",                       \
	  "Bez spóźnień w tym roku szkolnym. Dziękujemy!")                                     \
	X(FT_LATE_SOME,                                                                        \
	  "Late %d times this school year, %s minutes in all: %s of learning (%s).",           \
	  "Spóźnienia w tym roku szkolnym: %d, łącznie %s min, czyli %s nauki (%s).")          \
	X(FT_LATE_SOME_SHORT, "Late %d times this school year, %s minutes in all (%s).",       \
	  "Spóźnienia w tym roku szkolnym: %d, łącznie %s min (%s).")                          \
	X(FT_LATE_AFTER_CLOSE,                                                                 \
	  "%d of these were after the register closed, which counts as an absence.",           \
	  "%d z nich po zamknięciu dziennika, co liczy się jako nieobecność.")                 \
	X(FT_LATE_WHY,                                                                         \
	  "Ten minutes late every day adds up to nearly a week of learning in a year.",       \
	  "Dziesięć minut spóźnienia każdego dnia to w ciągu roku prawie tydzień nauki.")      \
	X(FT_REPORT_FOR, "Report an absence for %s", "Zgłoś nieobecność: %s")                  \
	/* ---- reports and requests ---- */                                                 \
	X(FT_REPORT_TITLE, "Report an absence", "Zgłoś nieobecność")                           \
	X(FT_REPORT_INTRO,                                                                     \
	  "Tell us when your child is, or was, away from school. The office will check the "   \
	  "register and confirm it here.",                                                     \
	  "Prosimy podać, kiedy dziecko jest lub było nieobecne. Sekretariat sprawdzi "        \
	  "dziennik i potwierdzi zgłoszenie tutaj.")                                           \
	X(FT_REPORT_LEAVE_HINT,                                                                \
	  "For a holiday or other time off in term time, ask for leave instead.",              \
	  "W sprawie wyjazdu lub innego zwolnienia w czasie roku szkolnego prosimy złożyć "    \
	  "wniosek o zwolnienie.")                                                             \
	X(FT_CHILD, "Child", "Dziecko")                                                        \
	X(FT_FIRST_DAY, "First day", "Pierwszy dzień")                                         \
	X(FT_LAST_DAY, "Last day", "Ostatni dzień")                                            \
	X(FT_LAST_DAY_HINT, "Leave it empty for one day only.",                                \
	  "Prosimy zostawić puste, jeśli chodzi o jeden dzień.")                               \
	X(FT_STARTING, "Starting", "Od")                                                       \
	X(FT_START_AM, "in the morning (the whole day)", "rana (cały dzień)")                  \
	X(FT_START_PM, "in the afternoon", "popołudnia")                                       \
	X(FT_UNTIL, "Until", "Do")                                                             \
	X(FT_UNTIL_PM, "the end of the day", "końca dnia")                                     \
	X(FT_UNTIL_AM, "the end of the morning", "końca przedpołudnia")                        \
	X(FT_REASON, "Reason", "Powód")                                                        \
	X(FT_REASON_ILLNESS, "Illness", "Choroba")                                             \
	X(FT_REASON_MEDICAL, "Medical or dental appointment", "Wizyta u lekarza lub dentysty") \
	X(FT_REASON_OTHER, "Something else", "Inny powód")                                     \
	X(FT_NOTE, "More detail", "Szczegóły")                                                 \
	X(FT_NOTE_HINT, "Needed for \"something else\". Please don't include medical details " \
			"you would rather tell us in person.",                                 \
	  "Wymagane przy \"inny powód\". Prosimy nie podawać informacji medycznych, które "   \
	  "wolą Państwo przekazać osobiście.")                                                 \
	X(FT_EXPECTED_BACK, "Expected back in school (if you know)",                           \
	  "Przewidywany powrót do szkoły (jeśli wiadomo)")                                     \
	X(FT_SEND, "Send to the school", "Wyślij do szkoły")                                   \
	X(FT_DONE_REPORT,                                                                      \
	  "Thank you: the office has your report and will confirm it here.",                   \
	  "Dziękujemy: sekretariat otrzymał zgłoszenie i potwierdzi je tutaj.")                \
	X(FT_DONE_REPORT_LATE,                                                                 \
	  "Thank you. The register for some of these sessions has already closed, so the "     \
	  "office will review your report and then update the register.",                      \
	  "Dziękujemy. Dziennik dla części tych zajęć jest już zamknięty, więc sekretariat "    \
	  "sprawdzi zgłoszenie i uzupełni dziennik.")                                          \
	X(FT_LEAVE_TITLE, "Ask for leave in term time", "Wniosek o zwolnienie w czasie nauki") \
	X(FT_LEAVE_INTRO,                                                                      \
	  "Head teachers can only agree to leave in term time in exceptional circumstances. "  \
	  "Tell us the dates and the reason, and the head teacher will reply with a letter.",  \
	  "Dyrektor szkoły może zgodzić się na zwolnienie w czasie nauki tylko w wyjątkowych " \
	  "okolicznościach. Prosimy podać daty i powód; dyrektor odpowie listownie.")          \
	X(FT_LEAVE_REASON, "Why the leave is needed", "Dlaczego zwolnienie jest potrzebne")    \
	X(FT_LEAVE_SEND, "Send the request", "Wyślij wniosek")                                 \
	X(FT_DONE_LEAVE,                                                                       \
	  "Your request has gone to the head teacher. It covers %s of school. You will get "   \
	  "a letter with the decision.",                                                       \
	  "Wniosek trafił do dyrektora szkoły. Obejmuje %s nauki. Decyzję otrzymają Państwo "  \
	  "listownie.")                                                                        \
	X(FT_REQUESTS_TITLE, "Your reports and requests", "Zgłoszenia i wnioski")              \
	X(FT_REQUESTS_NONE, "Nothing sent to the school yet.",                                 \
	  "Nic jeszcze nie wysłano do szkoły.")                                                \
	X(FT_KIND_REPORT, "Absence report", "Zgłoszenie nieobecności")                         \
	X(FT_KIND_LEAVE, "Leave request", "Wniosek o zwolnienie")                              \
	X(FT_ST_AWAITING, "Waiting for the office", "Czeka na sekretariat")                    \
	X(FT_ST_ACCEPTED, "Accepted: recorded as %s", "Przyjęte: zapisano jako %s")            \
	X(FT_ST_DECLINED, "Not accepted: %s", "Nieprzyjęte: %s")                               \
	X(FT_ST_WITHDRAWN, "Withdrawn", "Wycofane")                                            \
	X(FT_ST_REQUESTED, "Waiting for the head teacher", "Czeka na decyzję dyrektora")       \
	X(FT_ST_GRANTED, "Agreed: %s", "Zgoda: %s")                                            \
	X(FT_ST_REFUSED, "Not agreed: %s", "Brak zgody: %s")                                   \
	X(FT_WITHDRAW, "Withdraw", "Wycofaj")                                                  \
	X(FT_DONE_WITHDRAWN, "Withdrawn: the school will not act on it.",                      \
	  "Wycofano: szkoła nie będzie go rozpatrywać.")                                       \
	X(FT_SENT_ON, "sent %s", "wysłano %s")                                                 \
	X(FT_SESSIONS_COVERED, "%s of school", "%s nauki")                                     \
	X(FT_DATES_RANGE, "%s to %s", "od %s do %s")                                           \
	X(FT_DATES_AM, "the morning of %s", "%s (przed południem)")                            \
	X(FT_DATES_PM, "the afternoon of %s", "%s (po południu)")                              \
	/* ---- messages ---- */                                                             \
	X(FT_MESSAGES_TITLE, "Messages and letters from school", "Wiadomości i listy ze szkoły") \
	X(FT_MESSAGES_NONE, "No messages yet.", "Brak wiadomości.")                            \
	X(FT_CH_SMS, "Text message", "SMS")                                                    \
	X(FT_CH_EMAIL, "Email", "E-mail")                                                      \
	X(FT_CH_POST, "Letter", "List")                                                        \
	X(FT_MS_SENT, "Sent", "Wysłano")                                                       \
	X(FT_MS_ON_ITS_WAY, "On its way", "W drodze")                                          \
	X(FT_MS_TO_PRINT, "Being printed for the post", "Drukowany do wysyłki")                \
	X(FT_MS_POSTED, "Posted", "Wysłano pocztą")                                            \
	X(FT_MS_FAILED, "Could not be delivered", "Nie udało się doręczyć")                    \
	X(FT_READ, "Read", "Czytaj")                                                           \
	X(FT_LETTER_PDF, "The letter (PDF)", "List (PDF)")                                     \
	X(FT_BACK_TO_MESSAGES, "All messages and letters", "Wszystkie wiadomości i listy")     \
	/* ---- the pupil's page ---- */                                                     \
	X(FT_PUPIL_HELLO, "Hi %s", "Cześć, %s")                                                \
	X(FT_PUPIL_FORTNIGHT, "You've been in school %s out of %s days this fortnight.",       \
	  "W ciągu ostatnich dwóch tygodni byłeś/byłaś w szkole %s z %s dni.")                 \
	X(FT_PUPIL_ALL_DAYS, "Every single day: brilliant!",                                   \
	  "Codziennie: wspaniale!")                                                            \
	X(FT_PUPIL_GOOD, "Great work: keep it going!", "Świetnie: tak trzymaj!")               \
	X(FT_PUPIL_HELP,                                                                       \
	  "Every day you're here counts. If something is making school hard, talk to your "    \
	  "tutor: we're here to help.",                                                        \
	  "Każdy dzień w szkole się liczy. Jeśli coś utrudnia Ci chodzenie do szkoły, "        \
	  "porozmawiaj z wychowawcą: jesteśmy tu, żeby pomóc.")                                \
	X(FT_PUPIL_NOTHING_YET, "No school days to count this fortnight yet.",                 \
	  "W tych dwóch tygodniach nie ma jeszcze dni do policzenia.")                         \
	X(FT_PUPIL_YEAR, "This school year you've been in %s of the time.",                    \
	  "W tym roku szkolnym byłeś/byłaś w szkole przez %s czasu.")                          \
	X(FT_PUPIL_BAND, "Your band: %s", "Twój poziom: %s")                                   \
	X(FT_PUPIL_PROGRESS, "Your progress", "Twoje postępy")                                 \
	X(FT_PUPIL_UP,                                                                         \
	  "This half-term you're at %s, up from %s last half-term. That's real progress!",     \
	  "W tym półsemestrze masz %s, a w poprzednim %s. To prawdziwy postęp!")               \
	X(FT_PUPIL_SAME, "This half-term you're at %s, about the same as last half-term.",     \
	  "W tym półsemestrze masz %s, podobnie jak w poprzednim.")                            \
	X(FT_PUPIL_DOWN,                                                                       \
	  "This half-term you're at %s, a bit lower than last half-term (%s). You can turn "   \
	  "it around: every day counts.",                                                      \
	  "W tym półsemestrze masz %s, trochę mniej niż w poprzednim (%s). Możesz to "        \
	  "zmienić: każdy dzień się liczy.")                                                   \
	X(FT_PUPIL_RECOGNITION, "What you've earned", "Twoje osiągnięcia")                     \
	X(FT_PUPIL_FULL_WEEKS, "Full weeks this year (in every day): %d.",                     \
	  "Pełne tygodnie w tym roku (obecność każdego dnia): %d.")                            \
	X(FT_PUPIL_BEST_RUN, "Your best run: %d full weeks in a row.",                         \
	  "Najlepsza seria: %d pełnych tygodni z rzędu.")                                      \
	X(FT_PUPIL_RUN_NOW, "You're on a run of %d full weeks right now. Keep going!",         \
	  "Masz teraz serię %d pełnych tygodni. Tak dalej!")                                   \
	X(FT_PUPIL_NO_WEEKS_YET,                                                               \
	  "No full weeks yet this year: next week could be your first.",                       \
	  "W tym roku nie ma jeszcze pełnego tygodnia: następny może być pierwszy.")           \
	/* ---- invitations ---- */                                                          \
	X(FT_INVITE_TITLE, "Set up your account", "Załóż konto")                               \
	X(FT_INVITE_INTRO,                                                                     \
	  "Enter the invitation code from the school's email or letter.",                      \
	  "Prosimy wpisać kod zaproszenia z e-maila lub listu ze szkoły.")                     \
	X(FT_INVITE_CODE, "Invitation code", "Kod zaproszenia")                                \
	X(FT_INVITE_CODE_HINT, "16 letters and digits, for example ABCD-EFGH-JKLM-NPQR",       \
	  "16 liter i cyfr, na przykład ABCD-EFGH-JKLM-NPQR")                                  \
	X(FT_CONTINUE, "Continue", "Dalej")                                                    \
	X(FT_INVITE_FOR_PARENT, "This invitation is for %s, to see %s's attendance.",          \
	  "To zaproszenie jest dla: %s, aby sprawdzać frekwencję dziecka (%s).")               \
	X(FT_INVITE_FOR_PUPIL, "This invitation is for %s, to see your own attendance.",       \
	  "To zaproszenie jest dla: %s, aby sprawdzać własną frekwencję.")                     \
	X(FT_INVITE_EXPIRES, "It works once, until %s.", "Działa jeden raz, do %s.")           \
	X(FT_USERNAME, "Choose a username", "Wybierz nazwę użytkownika")                       \
	X(FT_USERNAME_HINT, "Letters, digits and . _ - @ (your email address works well)",     \
	  "Litery, cyfry oraz . _ - @ (dobrze sprawdza się adres e-mail)")                     \
	X(FT_PASSWORD, "Choose a password", "Wybierz hasło")                                   \
	X(FT_PASSWORD_HINT, "At least 8 characters: a few words together work well",           \
	  "Co najmniej 8 znaków: dobrze sprawdza się kilka słów razem")                        \
	X(FT_PASSWORD_AGAIN, "The password again", "Powtórz hasło")                            \
	X(FT_CREATE_ACCOUNT, "Create my account", "Załóż konto")                               \
	X(FT_ADD_TO_ACCOUNT_Q, "You are signed in as %s. Add %s to your account?",             \
	  "Zalogowano jako %s. Dodać dziecko (%s) do tego konta?")                             \
	X(FT_ADD_TO_ACCOUNT, "Add to my account", "Dodaj do konta")                            \
	X(FT_DONE_ACCOUNT, "Welcome! Your account is ready.", "Witamy! Konto jest gotowe.")    \
	X(FT_DONE_ADDED, "Added: you can now see %s's attendance too.",                        \
	  "Dodano: teraz widać także frekwencję dziecka (%s).")                                \
	/* ---- errors families read ---- */                                                 \
	X(FT_ERR_NOT_SCHOOL_DAY,                                                               \
	  "%s is not a school day (%s): school is closed, so there is nothing to report.",     \
	  "%s nie jest dniem nauki (%s): szkoła jest zamknięta, więc nie trzeba niczego "      \
	  "zgłaszać.")                                                                         \
	X(FT_ERR_NO_SCHOOL_DAYS,                                                               \
	  "There are no school days from %s to %s (school is closed), so there is nothing "    \
	  "to report.",                                                                        \
	  "Od %s do %s nie ma dni nauki (szkoła jest zamknięta), więc nie trzeba niczego "     \
	  "zgłaszać.")                                                                         \
	X(FT_ERR_NO_LEAVE_DAYS,                                                                \
	  "There are no school days from %s to %s, so no leave is needed.",                    \
	  "Od %s do %s nie ma dni nauki, więc zwolnienie nie jest potrzebne.")                 \
	X(FT_ERR_ENDS_BEFORE, "The last day is before the first day.",                         \
	  "Ostatni dzień jest wcześniejszy niż pierwszy.")                                     \
	X(FT_ERR_REASON, "Choose a reason: illness, a medical appointment or something else.", \
	  "Prosimy wybrać powód: choroba, wizyta u lekarza lub inny powód.")                   \
	X(FT_ERR_NOTE_OTHER, "Please say a little about the reason in \"More detail\".",       \
	  "Prosimy krótko opisać powód w polu \"Szczegóły\".")                                 \
	X(FT_ERR_NOTE_LONG, "Please keep the detail under %d characters.",                     \
	  "Prosimy o opis krótszy niż %d znaków.")                                             \
	X(FT_ERR_RETURN_BEFORE, "The expected return is before the absence starts.",           \
	  "Przewidywany powrót jest wcześniejszy niż początek nieobecności.")                  \
	X(FT_ERR_BEFORE_YEAR,                                                                  \
	  "That is before this school year: please call the school office about it.",          \
	  "To data sprzed tego roku szkolnego: prosimy o telefon do sekretariatu.")            \
	X(FT_ERR_TOO_FAR,                                                                      \
	  "Reports can be made up to %d days ahead: for longer, ask for leave or call the "    \
	  "school.",                                                                           \
	  "Zgłoszenie można wysłać najwyżej %d dni naprzód: w innym przypadku prosimy złożyć " \
	  "wniosek o zwolnienie lub zadzwonić do szkoły.")                                     \
	X(FT_ERR_TOO_LONG,                                                                     \
	  "One report covers at most %d school days: please call the school about a longer "   \
	  "absence.",                                                                          \
	  "Jedno zgłoszenie obejmuje najwyżej %d dni nauki: w sprawie dłuższej nieobecności "  \
	  "prosimy o telefon do szkoły.")                                                      \
	X(FT_ERR_REPORT_OVERLAP,                                                               \
	  "You have already reported some of these days (report #%lld, waiting for the "       \
	  "office): withdraw it first to change it.",                                          \
	  "Część tych dni została już zgłoszona (zgłoszenie nr %lld czeka na sekretariat): "   \
	  "aby je zmienić, najpierw je wycofaj.")                                              \
	X(FT_ERR_LEAVE_OVERLAP,                                                                \
	  "You have already asked for leave on some of these days (request #%lld).",           \
	  "Wniosek o zwolnienie na część tych dni już złożono (wniosek nr %lld).")             \
	X(FT_ERR_LEAVE_PAST,                                                                   \
	  "Leave is asked for before it starts: to tell us about a past absence, report an "   \
	  "absence instead.",                                                                  \
	  "O zwolnienie prosi się przed jego rozpoczęciem: o przeszłej nieobecności prosimy "  \
	  "poinformować przez zgłoszenie nieobecności.")                                       \
	X(FT_ERR_LEAVE_REASON, "Please tell the head teacher why the leave is needed.",        \
	  "Prosimy napisać dyrektorowi, dlaczego zwolnienie jest potrzebne.")                  \
	X(FT_ERR_LEAVE_LONG, "Please keep the reason under %d characters.",                    \
	  "Prosimy o uzasadnienie krótsze niż %d znaków.")                                     \
	X(FT_ERR_LEAVE_TOO_FAR, "Leave can be asked for up to a year ahead.",                  \
	  "O zwolnienie można prosić najwyżej rok naprzód.")                                   \
	X(FT_ERR_NO_SUCH_REPORT, "There is no such report.", "Nie ma takiego zgłoszenia.")     \
	X(FT_ERR_ALREADY_DECIDED, "The school has already dealt with this.",                   \
	  "Szkoła już się tym zajęła.")                                                        \
	X(FT_ERR_DATE, "Enter a date (day, month and year).",                                  \
	  "Prosimy podać datę (dzień, miesiąc i rok).")                                        \
	X(FT_ERR_CHILD, "Choose one of your children.", "Prosimy wybrać dziecko.")             \
	X(FT_ERR_PASSWORDS_DIFFER, "The two passwords are not the same.",                      \
	  "Hasła nie są takie same.")                                                          \
	X(FT_ERR_PASSWORD_SHORT, "The password is too short: use at least 8 characters.",      \
	  "Hasło jest za krótkie: co najmniej 8 znaków.")                                      \
	X(FT_ERR_USERNAME, "The username may hold only letters, digits and . _ - @ (up to 63).", \
	  "Nazwa użytkownika może zawierać tylko litery, cyfry oraz . _ - @ (do 63 znaków).")  \
	X(FT_ERR_PROBLEM, "There is a problem", "Wystąpił problem")
