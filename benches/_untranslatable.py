
def vocabulary(text):
    seen = set()
    for w in text.split():
        seen.add(w.strip(".,").lower())
    return seen

def words(text):
    return [w.strip(".,").lower() for w in text.split()]

text = "The quick brown fox, jumps over the lazy dog. " * 200
total = 0
for _ in range(3000):
    total += len(vocabulary(text)) + len(words(text))
print(total)
