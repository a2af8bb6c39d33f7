#!/usr/bin/env python3
"""Reads what Prometheus, Alertmanager and the webhook receiver say, for the end-to-end test.
  monitoring.py targets                       stdin /api/v1/targets: exit 0 when every target is up
  monitoring.py firing ALERT...               stdin /api/v1/alerts: exit 0 when each ALERT fires
  monitoring.py suppressed ALERT              stdin Alertmanager's /api/v2/alerts: exit 0 when ALERT is inhibited
  monitoring.py webhook FILE SKIP ALERT STATUS [INSTANCE]  exit 0 when a notification of ALERT in
                                              STATUS (firing, resolved) for INSTANCE (any) reached FILE
                                              after its first SKIP lines (those of earlier checks)
  monitoring.py expressions DASHBOARD         prints the dashboard's expressions, one a line
  monitoring.py has-data                      stdin /api/v1/query: exit 0 when the result is not empty"""
import json
import sys


def targets():
    active = json.load(sys.stdin)["data"]["activeTargets"]
    down = [f'{t["labels"]["job"]} {t["scrapeUrl"]}: {t["health"]} {t["lastError"]}'
            for t in active if t["health"] != "up"]
    print("\n".join(down) if down else f"{len(active)} targets up")
    return not down and len(active) > 0


def firing(names):
    alerts = json.load(sys.stdin)["data"]["alerts"]
    now = {a["labels"]["alertname"] for a in alerts if a["state"] == "firing"}
    print("firing:", " ".join(sorted(now)) or "nothing")
    return all(name in now for name in names)


def suppressed(name):
    alerts = json.load(sys.stdin)
    return any(a["labels"].get("alertname") == name and a["status"]["state"] == "suppressed" for a in alerts)


def webhook(path, skip, name, status, instance=None):
    with open(path, encoding="utf-8") as log:
        for number, line in enumerate(log):
            if number < int(skip):
                continue
            for alert in json.loads(line)["alerts"]:
                labels = alert["labels"]
                if (labels.get("alertname") == name and alert["status"] == status
                        and (instance is None or labels.get("instance") == instance)):
                    return True
    return False


def expressions(path):
    with open(path, encoding="utf-8") as dashboard:
        for panel in json.load(dashboard)["panels"]:
            for target in panel["targets"]:
                print(target["expr"])
    return True


def has_data():
    answer = json.load(sys.stdin)
    return answer["status"] == "success" and len(answer["data"]["result"]) > 0


def main():
    command, args = sys.argv[1], sys.argv[2:]
    ok = {
        "targets": lambda: targets(),
        "firing": lambda: firing(args),
        "suppressed": lambda: suppressed(args[0]),
        "webhook": lambda: webhook(*args),
        "expressions": lambda: expressions(args[0]),
        "has-data": lambda: has_data(),
    }[command]()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
