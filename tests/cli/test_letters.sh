# Letters as PDF (cairo + pango), kept in the outbox: printed for the post,
# checked by reading the text back (pdftotext) and rendering pages (pdftoppm).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/comms_lib.sh"
comms_school

# Dara's carer has no email: the letter is for the post
expect_ok message send --template recognition-100 --upn T123456789015 --by office
expect_out "message 1 queued: recognition-100 letter, to print and post, to Sam O'Brien \\(3 Mill Road, Leeds, LS3 3CC\\)"
# Anna's mother has an email, but the school wants this one on paper
expect_ok message send --template concern-letter --upn A123456789012 --via post --by "Ms Fielding"
expect_ok message send --template concern-letter --upn P123456789013 --by office --via post
expect_ok outbox list --status to_print
expect_eq "$(grep -c 'to_print' <<<"$out")" 3 "letters to print"
expect_ok outbox run --once
expect_out "outbox: 0 sent"

expect_ok outbox pdf 1 --out dara.pdf
pdftotext -layout dara.pdf dara.txt || fail "pdftotext"
for w in "Test Academy" "Church Lane, Leeds, LS6 3AA" "0113 496 0000" "office@test-academy.example" \
         "Sam O'Brien" "3 Mill Road" "LS3 3CC" "Monday 1 December 2025" "100% attendance: congratulations, Dara!" \
         "Dara's attendance this school year" "Attendance so far: 100.0%" "Missed: none of 48 days so far" \
         "Trend: about the same as a month ago, when it was 100.0%" "Ms R. Fielding"; do
  grep -qF "$w" dara.txt || fail "Dara's letter lacks '$w':
$(cat dara.txt)"
done
grep -q "Back to 90%" dara.txt && fail "no way back to 90% is needed at 100%"

expect_ok outbox pdf 2 --out anna.pdf
pdftotext anna.pdf anna.txt
for w in "We're worried about Anna's attendance" "Attendance so far: 78.6%" \
         "Missed: 12 days (about 60 lessons) of 56 days so far" "Back to 90%: back to 90% by Friday 19 December 2025" \
         "So far this school year Anna has missed 12 days (about 60 lessons)"; do
  tr '\n' ' ' < anna.txt | grep -qF "$w" || fail "Anna's letter lacks '$w':
$(cat anna.txt)"
done
pdftoppm -r 60 -png anna.pdf anna || fail "pdftoppm"
[ -s anna-1.png ] && [ "$(stat -c %s anna-1.png)" -gt 8000 ] || fail "page 1 did not render"
python3 - <<'PY' || fail "the rendered page has no figure bar"
# the figure box's bar is drawn in colour: find red-ish pixels (attendance under 90%)
import struct, zlib
data = open("anna-1.png", "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
pos, chunks = 8, {}
w = h = 0; idat = b""
while pos < len(data):
    n = struct.unpack(">I", data[pos:pos+4])[0]; t = data[pos+4:pos+8]; body = data[pos+8:pos+8+n]
    if t == b"IHDR": w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
    if t == b"IDAT": idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
bpp = 3 if ctype == 2 else 4
stride = w * bpp
rows, prev, i = [], bytearray(stride), 0
for y in range(h):
    f = raw[i]; line = bytearray(raw[i+1:i+1+stride]); i += 1 + stride
    for x in range(stride):
        a = line[x-bpp] if x >= bpp else 0; b = prev[x]; c = prev[x-bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p-a), abs(p-b), abs(p-c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(line); prev = line
red = sum(1 for r in rows for x in range(0, stride, bpp) if r[x] > 150 and r[x+1] < 110 and r[x+2] < 100)
assert red > 200, red
PY

# Polish, for Ben's mother
expect_ok outbox pdf 3 --out ben.pdf
pdftotext ben.pdf ben.txt
for w in "Szanowni Państwo" "Frekwencja w tym roku szkolnym: Ben Jones" "Frekwencja od początku roku: 100,0%" \
         "1 grudnia 2025 r." "ul. Długa 5"; do
  grep -qF "$w" ben.txt || fail "Ben's letter lacks '$w':
$(cat ben.txt)"
done

# a long letter runs onto a second page
for i in $(seq 1 30); do echo "Paragraph $i about {{pupil_forename}} and how every day counts: {{days_lessons_missed}} so far."; echo; done > long.txt
expect_ok template set long-letter --file long.txt --channel letter --subject "A long letter" --by admin
expect_ok message preview --template long-letter --upn A123456789012 --pdf long.pdf
[ "$(pdfinfo long.pdf | sed -n 's/^Pages: *//p')" -ge 2 ] || fail "a long letter fits one page: $(pdfinfo long.pdf)"
pdftotext long.pdf - | grep -q "Paragraph 30 about Anna" || fail "the last paragraph is missing"
pdftotext long.pdf - | grep -q "Paragraph 1 about Anna" || fail "the first paragraph is missing"

# posting is recorded, once, in the outbox and the contact log
expect_ok outbox posted 1 --by office
expect_out "message 1 recorded as posted"
expect_error 1 "message 1 is posted, not a letter waiting to be printed" outbox posted 1 --by office
expect_ok contact list T123456789015 --json
expect_eq "$(json 'd["entries"][0]["channel"] + "|" + d["entries"][0]["outcome"]' <<<"$out")" \
  "letter|posted \"100% attendance: congratulations, Dara!\" (template recognition-100, en) to 3 Mill Road, Leeds, LS3 3CC" "logged"
expect_error 1 "no message 99 in the outbox" outbox posted 99 --by office
expect_error 2 "--out FILE is required" outbox pdf 1
expect_error 1 "out: cannot write /nonexistent/x.pdf" outbox pdf 1 --out /nonexistent/x.pdf
