# draw.py RECORD DIRECTORY: the 双随机 draw of a published record computed
# again, in Python, from the algorithm as inspect-draw(1) writes it out
# (version 1): an implementation independent of the C one.
import hashlib, json, struct, csv, io, sys

def canonical(v):
    return json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()

def draw(commitment, value, targets):
    h = hashlib.sha256(canonical(commitment)).digest()
    seed = hashlib.sha256(b"zhifa-draw-v1\0" + h + value.encode()).digest()
    state = {"i": 0, "words": []}
    def word():
        if not state["words"]:
            block = hashlib.sha256(seed + struct.pack(">Q", state["i"])).digest()
            state["i"] += 1
            state["words"] = [struct.unpack(">Q", block[k:k+8])[0] for k in range(0, 32, 8)]
        return state["words"].pop(0)
    def below(n):
        floor = (2**64) % n
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
        el = sorted((o for o in commitment["officers"]
                     if t["field"] in o["fields"] and t["name"] not in o["conflicts"]
                     and t["code"] not in o["conflicts"]), key=lambda o: o["id"].encode())
        who = pick(list(range(len(el))), commitment["inspectors"])
        out.append({"target": k, "name": t["name"], "code": t["code"], "field": t["field"],
                    "inspectors": [el[w]["id"] for w in who]})
    return out

if __name__ == "__main__":
    rec = json.load(open(sys.argv[1]))
    rows = list(csv.DictReader(io.open(sys.argv[2], encoding="utf-8-sig")))
    names = {"名称": "name", "统一社会信用代码": "code", "领域": "field"}
    targets = [{names.get(k, k): v for k, v in r.items()} for r in rows]
    print(json.dumps(draw(rec["commitment"], rec["value"], targets), ensure_ascii=False))
