#!/bin/bash
# test-catalog-tool.sh: yichuang-catalog, run as a maintainer runs it
#
# Usage: test-catalog-tool.sh TOOL CATALOG-DIR BROKEN-DIR
# Prints TAP. Every command is run for real on the demo catalog and on the
# broken templates; the assertions are on exit codes and on what is printed.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

tool=$1
catalog=$2
broken=$3

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n=0
failures=0
status=0

# The messages are checked in English; a translation must not change them.
export LC_ALL=C.UTF-8 LANGUAGE=
unset YICHUANG_CATALOG

# run ARG...: runs the tool, keeping stdout, stderr and the exit status
run() {
  "$tool" "$@" >"$tmp/out" 2>"$tmp/err"
  status=$?
  last="$*"
}

# ok DESCRIPTION COMMAND...: one TAP line; on failure, the last run's output
ok() {
  local description=$1
  shift
  n=$((n + 1))
  if "$@"; then
    echo "ok $n - $description"
  else
    failures=$((failures + 1))
    echo "not ok $n - $description"
    echo "# command: $tool $last (exit $status)"
    sed 's/^/# out: /' "$tmp/out"
    sed 's/^/# err: /' "$tmp/err"
  fi
}

exits() { [ "$status" -eq "$1" ]; }
out_has() { grep -q -E -- "$1" "$tmp/out"; }
out_lacks() { ! grep -q -E -- "$1" "$tmp/out"; }
err_has() { grep -q -E -- "$1" "$tmp/err"; }
out_is() { [ "$(cat "$tmp/out")" = "$1" ]; }
# every line of stdout is "FILE:line:column: $.path: message"
all_problems_in() {
  local file=$1 line rest
  [ -s "$tmp/out" ] || return 1
  while IFS= read -r line; do
    [[ $line == "$file:"* ]] || return 1
    rest=${line#"$file:"}
    [[ $rest =~ ^[0-9]+:[0-9]+:\ \$[^\ ]*:\ .+ ]] || return 1
  done <"$tmp/out"
}
line_count_at_least() { [ "$(grep -c -E -- "$1" "$tmp/out")" -ge "$2" ]; }
# json EXPRESSION: a Python expression over the parsed stdout, "d"
json() {
  python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' \
    "$tmp/out" "$1"
}

# The demo items the assertions are about
business=000101001001    # 个体工商户设立登记: questions choose the materials
food=000101003001        # 食品经营许可: two 容缺-eligible materials
withdrawal=002009002001  # 住房公积金提取: a small form a clerk can finish

# Help and usage

run --version
ok "--version exits 0" exits 0
ok "--version names the program and version" out_has '^yichuang-catalog [0-9]+\.[0-9]+'

run --help
ok "--help exits 0" exits 0
for command in lint list show try eval check; do
  ok "--help lists $command" out_has "^  $command "
done

run
ok "no command is a usage error" exits 2

run frobnicate
ok "an unknown command is a usage error" exits 2
ok "an unknown command is named" err_has 'frobnicate'

run show --help
ok "a command has its own --help" exits 0
ok "show --help describes --answer" out_has '--answer'

run show --no-such-option x
ok "an unknown option is a usage error" exits 2

# lint

run lint "$catalog"
ok "lint: the demo catalog exits 0" exits 0
ok "lint: one summary line with no problems" out_has '^[0-9]+ items, [0-9]+ bundles: no problems$'
ok "lint: the demo has at least 20 items" out_has '^([2-9][0-9]|[0-9]{3,}) items'

run lint "$catalog/catalog.json" "$catalog/items/individual-business-registration.json"
ok "lint: single files can be linted" exits 0
ok "lint: counts the files it was given" out_has '^1 item, 0 bundles: no problems$'

run lint
ok "lint: no file is a usage error" exits 2

run lint "$tmp/no-such-file.json"
ok "lint: a missing file exits 1" exits 1
ok "lint: a missing file is named" err_has 'no-such-file\.json'

broken_files=("$broken"/*.json)
if [ ! -e "${broken_files[0]}" ]; then
  ok "lint: there are broken templates in $broken" false
  broken_files=()
fi
for file in "${broken_files[@]}"; do
  name=$(basename "$file")
  run lint "$file"
  ok "lint $name exits 1" exits 1
  # file:line:column: $.path: message, the file as given
  ok "lint $name prints file:line:col: \$.path: message" all_problems_in "$file"
  ok "lint $name gives a position past 0:0" out_lacks ':0:0: '
  ok "lint $name says how many problems" err_has '^[0-9]+ problems?$'
done

if [ ${#broken_files[@]} -gt 0 ]; then
  run lint "${broken_files[@]}"
  ok "lint: all broken templates at once exit 1" exits 1
  ok "lint: every broken template has a problem printed" \
    line_count_at_least ':[0-9]+:[0-9]+: \$' "${#broken_files[@]}"
  for file in "${broken_files[@]}"; do
    ok "lint: $(basename "$file") is among them" grep -q -F -- "$file:" "$tmp/out"
  done
fi

# list

run list --catalog "$catalog"
ok "list exits 0" exits 0
ok "list shows items with code, version and name" out_has "^item +$business +v[0-9]+ +个体工商户设立登记$"
ok "list shows bundles" out_has '^bundle +YJS-[A-Z]+ +v[0-9]+ '
ok "list shows at least 20 items" line_count_at_least '^item ' 20

run list --catalog "$catalog" --json
ok "list --json exits 0" exits 0
ok "list --json is JSON with the entries" \
  json 'len([e for e in d["entries"] if e["kind"] == "item"]) >= 20 and len([e for e in d["entries"] if e["kind"] == "bundle"]) >= 3'
ok "list --json entries have code, name, version" \
  json 'all(set(e) >= {"kind", "code", "name", "version"} for e in d["entries"])'

YICHUANG_CATALOG=$catalog run list
ok "list takes the catalog from YICHUANG_CATALOG" out_has "^item +$business "

run list --catalog "$tmp/nowhere"
ok "list: a missing catalog exits 1" exits 1
ok "list: a missing catalog is named" err_has 'nowhere'

# show

run show "$business" --catalog "$catalog"
ok "show exits 0" exits 0
ok "show lists the materials of the general situation" out_has '^  ib-application .*个体工商户登记（备案）申请书$'
ok "show gives how a material is received and how many" out_has '^  id-card +primary +copy, original checked +1 copy +居民身份证$'
ok "show leaves out materials of other situations" out_lacks '^  power-of-attorney '
ok "show lists the questions" out_has '^  operator: '
ok "show marks a question that is not asked" out_has '^  kinship: .*\(not asked\)$'
ok "show lists visible fields with their type" out_has '^  applicant_id +id-number +required '
ok "show marks calculated fields" out_has '^  applicant_birth +date +calculated '
ok "show leaves out hidden fields" out_lacks '^  agent_name '

run show "$business" --catalog "$catalog" --answer operator=agent --answer org_form=family --answer kinship=certificate
ok "show with answers exits 0" exits 0
ok "show marks the chosen answer" out_has '^    \* agent '
ok "the answers switch the materials" out_has '^  kinship-proof '
ok "the answers add the agent's materials" out_has '^  power-of-attorney '
ok "the answers show the agent's fields" out_has '^  agent_name +text +required '

run show "$food" --catalog "$catalog"
ok "show gives the 容缺 days of a secondary material" out_has '^  food-safety-rules +容缺 [0-9]+ days '

# the window's words for how a material is handed over, not the tool's own
run show 000110001001 --catalog "$catalog"
ok "show says an electronic licence is not asked for again" \
  out_has '^  business-licence +primary +electronic licence, not asked again +0 copies +营业执照$'
run show YJS-KBQY --catalog "$catalog"
ok "show says a commitment replaces a material" \
  out_has '^  premises-commitment +primary +replaced by a signed commitment +1 copy +'

run show "$business" --catalog "$catalog" --json --answer operator=agent
ok "show --json exits 0" exits 0
ok "show --json has the answer and situation" \
  json '[q["answer"] for q in d["questions"] if q["id"] == "operator"] == ["agent"] and d["situation"]'
ok "show --json has the checklist" \
  json '{"agent-id-card", "power-of-attorney"} <= {m["id"] for m in d["materials"]} and all(m["primary"] for m in d["materials"])'
ok "show --json has the fields" \
  json '[f for f in d["fields"] if f["key"] == "applicant_birth"][0]["calculated"] is True'

run show YJS-KCYD --catalog "$catalog" --json
ok "show a bundle" json 'd["kind"] == "bundle" and len(d["members"]) == 2'
ok "a bundle has each shared field once" json 'len([f["key"] for f in d["fields"]]) == len({f["key"] for f in d["fields"]})'

run show NO-SUCH-CODE --catalog "$catalog"
ok "show an unknown code exits 1" exits 1
ok "show an unknown code names it" err_has 'NO-SUCH-CODE'

run show "$business" --catalog "$catalog" --answer operator=nobody
ok "show a wrong answer exits 1" exits 1
ok "show a wrong answer names the options" err_has 'self, agent'

run show "$business" --catalog "$catalog" --answer nope=yes
ok "show an unknown question exits 1" exits 1

# try

complete=(--catalog "$catalog" --answer operator=self
  --set applicant_name=张三 --set applicant_id=11010519491231002X --set applicant_mobile=13812345678
  --set retire_date=2024-06-30 --set fund_account=0012345678 --set bank_name=中国工商银行
  --set bank_account=6222020200112233445 --set close_account=true --set has_loan=false
  --material fund-withdrawal-form=received --material id-card=received
  --material retirement-approval=received --material bank-card=received)

run try "$withdrawal" "${complete[@]}"
ok "try a complete form exits 0" exits 0
ok "try says ok per field" out_has '^  applicant_id +ok "11010519491231002X"$'
ok "try keeps digits typed into a text field as text" out_has '^  fund_account +ok "0012345678"$'
ok "try takes true and false as booleans" out_has '^  close_account +ok true$'
ok "try marks fields the answers hide" out_has '^  agent_name +hidden$'
ok "try suggests to accept" out_has '^Suggested decision: accept'

run try "$withdrawal" "${complete[@]}" --set applicant_id=110105194912310021
ok "try a wrong ID number exits 1" exits 1
ok "try names the field and what is wrong" out_has '^  applicant_id +problem: .*check digit'
ok "try still says ok for the others" out_has '^  applicant_name +ok '

run try "$withdrawal" "${complete[@]}" --set has_loan=true
ok "try a value against the template's rule exits 1" exits 1
ok "try gives the template's message" out_has '^  has_loan +problem: 有未结清住房公积金贷款'

run try "$withdrawal" "${complete[@]}" --material id-card=missing
ok "try: a missing primary material suggests notifying" out_has '^Suggested decision: notify'

# the verdict is yc_decision_check()'s for the suggested decision, the one
# the window and the central service apply
run try "$withdrawal" --catalog "$catalog" --answer operator=self \
  --set applicant_name=张三 --set applicant_id=11010519491231002X \
  --material fund-withdrawal-form=received --material id-card=missing \
  --material retirement-approval=received --material bank-card=received
ok "try: a 一次性告知 needs only who the applicant is" exits 0
ok "try: a 一次性告知 can be submitted with the form unfinished" out_has '^The form can be submitted$'

run try "$withdrawal" --catalog "$catalog" --answer operator=self --set applicant_mobile=13812345678 \
  --material fund-withdrawal-form=received --material id-card=missing \
  --material retirement-approval=received --material bank-card=received
ok "try: a 一次性告知 without the applicant exits 1" exits 1
ok "try counts only what the decision lacks" out_has '^2 problems$'
ok "try names what the decision lacks" out_has '^  申请人姓名: This field is required$'

complete_form=()
for arg in "${complete[@]}"; do
  [[ $arg == --material || $arg == *=received ]] || complete_form+=("$arg")
done
run try "$withdrawal" "${complete_form[@]}"
ok "try: a right form with no material checked cannot be submitted" exits 1
ok "try: no decision can be submitted" out_lacks '^The form can be submitted'

run try "$business" --catalog "$catalog" --set applicant_id=11010519491231002X
ok "try an incomplete form exits 1" exits 1
ok "try shows calculated values" out_has '^  applicant_birth +calculated = "1949-12-31"$'
ok "try shows calculated choices" out_has '^  applicant_sex +calculated = "F"$'
ok "try reports unanswered questions" out_has '^  operator +problem: '
ok "try with no materials checked suggests nothing yet" out_has '^Suggested decision: none'

run try "$food" --catalog "$catalog" --answer operator=self --answer licence_obtained=no \
  --material food-licence-application=received --material id-card=received --material food-layout=received \
  --material food-safety-rules=missing --material food-safety-manager=received
ok "try: a missing 容缺 material suggests 容缺受理" out_has '^Suggested decision: rongque'
ok "try lists the checklist with statuses" out_has '^  food-safety-rules +missing +容缺 '

run try "$business" --catalog "$catalog" --set applicant_birth=2000-01-01
ok "try refuses to set a calculated field" exits 1
ok "try says the field is calculated" err_has 'applicant_birth.*calculated'

run try "$business" --catalog "$catalog" --set no_such_field=1
ok "try an unknown field exits 1" exits 1
ok "try names the unknown field" err_has 'no_such_field'

run try "$business" --catalog "$catalog" --material id-card=lost
ok "try a wrong material status exits 1" exits 1

run try "$business" --catalog "$catalog" --material power-of-attorney=received
ok "try a material not on the checklist exits 1" exits 1
ok "try names the material" err_has 'power-of-attorney'

# eval

run eval '{"+":[1,2]}'
ok "eval exits 0" exits 0
ok "eval prints the result" out_is '3'

run eval '{"var":"a.b"}' '{"a":{"b":["x",1]}}'
ok "eval over data" out_is '["x",1]'

run eval '{"id_birth":["11010519491231002X"]}'
ok "eval knows the project's operators" out_is '"1949-12-31"'

run eval '{"no_such_operator":[1]}'
ok "eval of an unknown operator exits 1" exits 1
ok "eval names the unknown operator" err_has 'no_such_operator'

run eval '{"+":[1,'
ok "eval of text that is not JSON exits 1" exits 1

run eval '{"var":"a"}' 'not json'
ok "eval of data that is not JSON exits 1" exits 1

# check

run check id-number 11010519491231002X
ok "check a valid ID number exits 0" exits 0
ok "check says valid" out_has '^valid$'
ok "check derives the birth date" out_has '^birth_date: 1949-12-31$'
ok "check derives the sex" out_has '^sex: F$'

run check id-number 110105194912310021
ok "check an ID number with a wrong check digit exits 1" exits 1
ok "check says why" out_has '^invalid: .+'

run check mobile 13812345678
ok "check a mobile number" exits 0

run check postal-code 2501
ok "check a short postal code exits 1" exits 1

run check colour red
ok "check an unknown type exits 1" exits 1

run check id-number
ok "check without a value is a usage error" exits 2

# calendar add: the working day N working days after DATE, from the
# calendar beside the catalog or --calendar; 1–7 October 2026 are the
# National Day holiday, so two working days after 30 September end on the 9th
run calendar add 2026-09-30 2 --catalog "$catalog"
ok "calendar add exits 0" exits 0
ok "calendar add skips the holiday" out_is "2026-10-09"

run calendar add 2026-09-25 1 --calendar "$catalog/../calendar"
ok "calendar add with --calendar: the day of acceptance not counted" out_is "2026-09-28"

run calendar add 2026-09-30 0 --catalog "$catalog"
ok "calendar add of 0 days is the day itself" out_is "2026-09-30"

run calendar add 2026-02-30 1 --catalog "$catalog"
ok "calendar add of a day that does not exist is a usage error" exits 2
ok "calendar add says the date is wrong and how to write it" err_has '“2026-02-30” is not a date: write it YYYY-MM-DD'

run calendar add 2026-09-30 five --catalog "$catalog"
ok "calendar add of a wrong count is a usage error" exits 2
ok "calendar add says the count is wrong" err_has '“five” is not a number of working days'

run calendar add 2026-12-30 5 --catalog "$catalog"
ok "calendar add into a year the calendar lacks exits 1" exits 1
ok "calendar add names the day and the years it has" err_has '2027-01-01 is outside the working-day calendar, which has the years [0-9]{4}–2026'
ok "calendar add prints no date then" out_is ""

run calendar add 2019-05-06 1 --catalog "$catalog"
ok "calendar add from a year the calendar lacks exits 1" exits 1
ok "calendar add names that year" err_has '2019-05-06 is outside the working-day calendar'

run calendar add 2026-09-30 2 --calendar "$tmp/no-such-folder"
ok "calendar add with a missing folder exits 1" exits 1
ok "calendar add names the folder" err_has 'no-such-folder'

run calendar 2026-09-30
ok "calendar without add is a usage error" exits 2

echo "1..$n"
[ "$failures" -eq 0 ]
