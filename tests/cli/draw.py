# draw.py RECORD DIRECTORY: the 双随机 draw of a published record computed
# again, in Python, from the algorithm as inspect-draw(1) writes it out
# (version 1): an implementation independent of the C one.  DIRECTORY is
# the published directory (JSON) or a CSV with a header row.
import csv, hashlib, io, json, struct, sys

def canonical(v):
    return json.dumps(v, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode()

def value_used(v):
    out = []
    for ch in v:
        o = ord(ch)
        if 0xFF10 <= o <= 0xFF19:
            ch = chr(o - 0xFF10 + ord("0"))
        elif 0xFF21 <= o <= 0xFF3A:
            ch = chr(o - 0xFF21 + ord("a"))
        elif 0xFF41 <= o <= 0xFF5A:
            ch = chr(o - 0xFF41 + ord("a"))
        ch = ch.lower() if "A" <= ch <= "Z" else ch
        if "0" <= ch <= "9" or "a" <= ch <= "z":
            out.append(ch)
    return "".join(out)

def draw(commitment, value, targets):
    listed = [{"name": t["name"], "code": t["code"], "field": t["field"]}
              for t in targets]
    assert hashlib.sha256(canonical(listed)).hexdigest() == \
        commitment["targets"]["sha256"], "not the committed directory"
    h = hashlib.sha256(canonical(commitment)).digest()
    seed = hashlib.sha256(b"zhifa-draw-v1\0" + h +
                          value_used(value).encode()).digest()
    state = {"i": 0, "words": []}
    def word():
        if not state["words"]:
            block = hashlib.sha256(seed + struct.pack(">Q", state["i"])).digest()
            state["i"] += 1
            state["words"] = [struct.unpack(">Q", block[k:k + 8])[0]
                              for k in range(0, 32, 8)]
        return state["words"].pop(0)
    def below(n):
        floor = (2 ** 64) % n
        while True:
            w = word()
            if w >= floor:
                return w % n
    def pick(lst, k):
        for i in range(min(k, len(lst))):
            j = i + below(len(lst) - i)
            lst[i], lst[j] = lst[j], lst[i]
        return lst[:k]
    order = pick(list(range(len(targets))), commitment["count"])
    out = []
    for k in order:
        t = targets[k]
        el = [o for o in commitment["officers"]
              if t["field"] in o["fields"] and t["name"] not in o["conflicts"]
              and t["code"] not in o["conflicts"]]
        who = pick(list(range(len(el))), commitment["inspectors"])
        out.append({"target": k, "name": t["name"], "code": t["code"],
                    "field": t["field"],
                    "inspectors": [el[w]["id"] for w in who]})
    return out

def read_directory(path):
    if path.endswith(".json"):
        return json.load(open(path, encoding="utf-8"))
    names = {"名称": "name", "统一社会信用代码": "code", "领域": "field"}
    rows = csv.DictReader(io.open(path, encoding="utf-8-sig"))
    return [{names.get(k, k): v.strip(" \t\u3000") for k, v in r.items()}
            for r in rows]

if __name__ == "__main__":
    rec = json.load(open(sys.argv[1], encoding="utf-8"))
    print(json.dumps(draw(rec["commitment"], rec["value"],
                          read_directory(sys.argv[2])), ensure_ascii=False))
