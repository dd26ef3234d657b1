#!/usr/bin/env bash
# The benchmark's tuning procedure (scenarios README, "Tuning"): every policy gets the same effort — three
# candidates of its one maintenance knob, run on the same tuning seeds (never the reported seeds 1-5) for the same
# days — and the candidate with the lowest mean total cost (energy at the scenario's prices + unplanned downtime +
# maintenance, all in EUR, the scenario's own prices of each) wins. Ties keep the earlier candidate.
#
#   scenarios/tuning/tune.sh [--first-seed 101] [--seeds 1] [--days 7] [--out target/tuning] SCENARIO.json...
#
# Candidates (from each scenario file's own values):
#   baseline   policies.baseline.maintenanceIntervalHours  x0.5, x1, x2
#   threshold  policies.threshold.vibrationMmS             healthy vibration + 1, 2, 3 noise sigmas per kind
#   twinloop   goal.horizon + policies.twinloop.riskHorizonHours / .urgentRisk   48 h / 0.10, 24 h / 0.15, 12 h / 0.25
#              (the goal layer maintains when the risk within its horizon outweighs the stop, so the horizon moves
#              the maintenance age; the urgent risk only gates what is proposed)
# Writes <out>/<scenario>/<policy>/<candidate>/ (bench plant results) and prints one line per candidate and the
# choice; <out>/choices.tsv holds the choices. Needs jq and awk. Runs one bench at a time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
first_seed=101 seeds=1 days=7 out=target/tuning policies="baseline threshold twinloop"
scenarios=()
while [ $# -gt 0 ]; do
  case "$1" in
    --first-seed) first_seed="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    --days) days="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --policies) policies="$2"; shift 2 ;;
    -*) echo "tune.sh: unknown option $1" >&2; exit 2 ;;
    *) scenarios+=("$1"); shift ;;
  esac
done
[ ${#scenarios[@]} -gt 0 ] || { echo "usage: tune.sh [--first-seed S] [--seeds N] [--days D] [--out DIR] [--policies 'baseline threshold twinloop'] SCENARIO.json..." >&2; exit 2; }
if [ "$first_seed" -le 5 ]; then
  echo "tune.sh: seeds 1-5 are the reported seeds; tune on others (default 101)" >&2; exit 2
fi

# healthy vibration at 100 % speed and its noise sigma by plant kind (plant README): press 4.0 +- 0.25, ...
healthy() { case "$1" in PRESS) echo "4.0 0.25" ;; CNC_MACHINING) echo "2.5 0.15" ;; ROBOT_CELL) echo "1.2 0.08" ;;
  CONVEYOR) echo "0.8 0.05" ;; *) echo "tune.sh: no healthy vibration known for $1" >&2; exit 1 ;; esac; }

# prints "label<TAB>--set ... --set ..." lines for one policy of one scenario
candidates() {
  local file="$1" policy="$2"
  case "$policy" in
    baseline)
      local hours; hours="$(jq -r '.policies.baseline.maintenanceIntervalHours' "$file")"
      for factor in 0.5 1 2; do
        local h; h="$(awk -v h="$hours" -v f="$factor" 'BEGIN { printf "%g", h * f }')"
        printf 'interval-%sh\t--set /policies/baseline/maintenanceIntervalHours=%s\n' "$h" "$h"
      done ;;
    threshold)
      for k in 1 2 3; do
        local sets=""
        for kind in $(jq -r '.policies.threshold.vibrationMmS | keys[]' "$file"); do
          read -r mean sigma <<<"$(healthy "$kind")"
          sets+=" --set /policies/threshold/vibrationMmS/$kind=$(awk -v m="$mean" -v s="$sigma" -v k="$k" 'BEGIN { printf "%.3f", m + k * s }')"
        done
        printf 'healthy+%ssigma\t%s\n' "$k" "${sets# }"
      done ;;
    twinloop)
      # the horizon is the goal's (over which the goal layer weighs a stop against the risk) and the agent's
      for pair in "48 0.10" "24 0.15" "12 0.25"; do
        read -r hours risk <<<"$pair"
        printf 'horizon-%sh-urgent-%s\t--set /goal/horizon="PT%sH" --set /policies/twinloop/riskHorizonHours=%s --set /policies/twinloop/urgentRisk=%s\n' \
          "$hours" "$risk" "$hours" "$hours" "$risk"
      done ;;
  esac
}

mkdir -p "$out"
choices="$out/choices.tsv"
[ -f "$choices" ] || printf 'scenario\tpolicy\tchosen\tmean total cost EUR\tseeds\tdays\n' > "$choices"
for file in "${scenarios[@]}"; do
  name="$(jq -r '.name' "$file")"
  for policy in $policies; do
    best="" best_cost=""
    while IFS=$'\t' read -r label sets; do
      dir="$out/$name/$policy/$label"
      mkdir -p "$dir"
      # shellcheck disable=SC2086 # the --set options are words on purpose
      nice -n 10 "$root/twinloop" bench plant --scenario "$file" --policy "$policy" --first-seed "$first_seed" \
        --seeds "$seeds" --days "$days" --out "$dir" $sets > "$dir.log" 2>&1 \
        || { echo "tune.sh: $name $policy $label failed, see $dir.log" >&2; exit 1; }
      cost="$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "totalCostEur") c = i; next }
                       { sum += $c; n++ } END { printf "%.0f", sum / n }' "$dir"/*.csv)"
      summary="$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        { f += $col["failures"]; p += $col["preventiveMaintenances"]; u += $col["unplannedDowntimeHours"]; n++ }
        END { printf "failures %d, preventive %d, unplanned %.1f h over %d run(s)", f, p, u, n }' "$dir"/*.csv)"
      printf '%s\t%s\t%s\tmean total cost %s EUR\t%s\n' "$name" "$policy" "$label" "$cost" "$summary"
      if [ -z "$best" ] || [ "$cost" -lt "$best_cost" ]; then best="$label" best_cost="$cost"; fi
    done < <(candidates "$file" "$policy")
    printf '%s\t%s\tCHOSEN %s\tmean total cost %s EUR\n' "$name" "$policy" "$best" "$best_cost"
    printf '%s\t%s\t%s\t%s\t%s from %s\t%s\n' "$name" "$policy" "$best" "$best_cost" "$seeds" "$first_seed" "$days" >> "$choices"
  done
done
