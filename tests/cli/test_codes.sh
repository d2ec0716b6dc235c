# `attend codes`: the 2024 code table with its statistical categories.
. "$(dirname "$0")/lib.sh"

expect_ok codes
expect_out '^L +present +late arrival before the register closed'
expect_out '^C2 +authorised absence'
expect_out '^Y4 +not a possible session'
expect_out '^G +unauthorised absence'
expect_out '^K +approved educational activity'
expect_out 'withdrawn in 2024'
expect_ok codes --json
n=$(json 'len([c for c in d if not c["withdrawn"]])' <<<"$out")
expect_eq "$n" 33 "codes in force (with / and \\ as one)"
cat=$(json '[c["category"] for c in d if c["code"]=="J"][0]' <<<"$out")
expect_eq "$cat" "authorised absence" "J is read as J1"
