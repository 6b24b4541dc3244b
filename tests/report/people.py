"""Games that people played, made for the tests without a window.

A built-in strategy's game is flagged by the report ("strategy:NAME" when `run --strategy`
made it, "same as NAME" when its actions are a strategy's game on that seed), so a test
class needs games a person could have played: here, a strategy's action list that starts
with a research step of the trainee's own (variant picks which account and topic), replayed
with `upfront run --actions`. Where the changed game refuses a later action, the actions
from there on are dropped and the remaining days ended, so the game always finishes.
"""
import json
import os
import re
import subprocess

TOPICS = ("company", "person", "industry", "trigger")


def _run(upfront, args, env):
    p = subprocess.run([upfront] + [str(a) for a in args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=env, timeout=600, stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def strategy_actions(upfront, scenario, strategy, seed, env, tmp):
    """The action list of a strategy's game (without days) and the scenario's day count."""
    path = os.path.join(tmp, "strategy-%s-%s.json" % (strategy, seed))
    code, _, err = _run(upfront, ["run", scenario, "--strategy", strategy, "--seed", seed,
                                  "--out", path], env)
    if code != 0:
        raise RuntimeError("run --strategy %s: %s" % (strategy, err))
    d = json.load(open(path, encoding="utf-8"))
    os.remove(path)
    acts = [{k: v for k, v in a.items() if k != "day"} for a in d["actions"]]
    days = d["days_played"]
    prospects = [x["id"] for x in d["deals"]]
    return acts, days, prospects


def person_actions(upfront, scenario, seed, variant=0, strategy="sales2", env=None, tmp="/tmp",
                   stop_after_day=None):
    """A list of actions a person could have played on seed (finished unless stop_after_day)."""
    env = env or dict(os.environ)
    acts, days, prospects = strategy_actions(upfront, scenario, strategy, seed, env, tmp)
    first = {"act": "research", "prospect": prospects[variant % len(prospects)],
             "topic": TOPICS[(variant // len(prospects)) % len(TOPICS)]}
    if variant // (len(prospects) * len(TOPICS)) % 2:
        first = {"act": "touch", "prospect": prospects[variant % len(prospects)],
                 "channel": "email"}
    mine = [first] + acts
    probe = os.path.join(tmp, "probe-%d.json" % os.getpid())
    for _ in range(3000):
        ended = sum(1 for a in mine if a["act"] == "end_day")
        if stop_after_day is not None:
            cut, n = [], 0
            for a in mine:
                if n >= stop_after_day:
                    break
                cut.append(a)
                n += a["act"] == "end_day"
            mine = cut
        elif ended < days:
            mine = mine + [{"act": "end_day"}] * (days - ended)
        with open(probe, "w", encoding="utf-8") as f:
            json.dump(mine, f)
        out = probe + ".out.json"
        code, _, err = _run(upfront, ["run", scenario, "--actions", probe, "--seed", seed,
                                      "--out", out], env)
        for p in (out,):
            if os.path.exists(p):
                os.remove(p)
        if code == 0:
            os.remove(probe)
            return mine
        m = re.search(r"action (\d+) \(.*?\) (?:refused|is recorded)", err)
        if not m and "the game is over" not in err:
            raise RuntimeError("replaying a person's actions: %s" % err)
        k = int(m.group(1)) if m else len(mine)
        # drop the refused action (a day's end is never refused, but after the last day)
        mine = mine[:k] + mine[k + 1:] if k < len(mine) and mine[k]["act"] != "end_day" \
            else mine[:k]
        ended = sum(1 for a in mine if a["act"] == "end_day")
        if ended > days:
            mine = mine[:len(mine) - (ended - days)]
    raise RuntimeError("could not make a person's game on %s seed %s" % (scenario, seed))


def play_person(upfront, scenario, seed, player, out=None, results=None, variant=0,
                strategy="sales2", env=None, tmp="/tmp", stop_after_day=None):
    """Writes a person's game with `run --actions` (to out, or a new file in results)."""
    env = env or dict(os.environ)
    acts = person_actions(upfront, scenario, seed, variant, strategy, env, tmp, stop_after_day)
    lst = os.path.join(tmp, "person-%d-%d.json" % (os.getpid(), variant))
    with open(lst, "w", encoding="utf-8") as f:
        json.dump(acts, f)
    args = ["run", scenario, "--actions", lst, "--seed", seed, "--player", player]
    args += ["--out", out] if out else ["--results", results]
    code, stdout, err = _run(upfront, args, env)
    os.remove(lst)
    if code != 0:
        raise RuntimeError("run --actions for %s: %s" % (player, err))
    return stdout.split(": score ")[0]
