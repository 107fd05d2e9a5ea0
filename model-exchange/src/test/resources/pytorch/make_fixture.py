#!/usr/bin/python3
"""Makes the PyTorch fixture that PyTorchFixtureTest imports: the torchtext tutorial's model trained with
the tutorial's training step in PyTorch 1.13 (small: 500 ag_news_mini rows, dimension 16, 10 epochs of SGD
at lr 5 with gradient clipping at 0.1; no validation split, so no learning-rate steps), and what PyTorch
predicts for test texts.

Writes, beside this script:
  tutorial_model.safetensors  model.state_dict() in the safetensors layout
  itos.txt                    the vocabulary, one token per line in index order (vocab.get_itos())
  classes.txt                 the class names, one per line
  expected.jsonl              {"text": ..., "probabilities": [...]} per text, softmax(model(text, offsets))

Run: /usr/bin/python3 make_fixture.py /path/to/shared/data/ag_news_mini   (Debian: apt-get install python3-torch)
torchtext does not import on Debian: basic_english and the tutorial's model come from
docs/peers/pytorch_tutorial.py, build_vocab_from_iterator's ordering is written out below. safetensors is not
packaged either: save_file below writes the format's layout (8-byte little-endian header length, JSON
header, raw little-endian data), which safetensors.torch.load_file reads.
"""
import collections
import json
import os
import struct
import sys

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
# the project's PyTorch peer holds the tutorial's tokenizer, model and CSV reading
sys.path.insert(0, os.path.join(HERE, "../../../../../docs/peers"))
from pytorch_tutorial import TextClassificationModel, basic_english, read_rows  # noqa: E402

TRAIN_ROWS, EMBED_DIM, EPOCHS, LR, BATCH, TEST_TEXTS = 500, 16, 10, 5.0, 64, 60


def build_vocab(token_lists, specials=("<unk>",)):
    """torchtext's build_vocab_from_iterator: specials first, then by frequency, ties in token order."""
    counter = collections.Counter(t for tokens in token_lists for t in tokens)
    ordered = sorted(counter.items(), key=lambda item: item[0])
    ordered.sort(key=lambda item: item[1], reverse=True)
    return list(specials) + [t for t, _ in ordered if t not in specials]


def save_file(tensors, path, metadata):
    header, offset, blobs = {"__metadata__": metadata}, 0, []
    for name, tensor in tensors.items():
        blob = tensor.detach().contiguous().to(torch.float32).numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    encoded = json.dumps(header).encode("utf-8")
    encoded += b" " * (-len(encoded) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)) + encoded + b"".join(blobs))


def batch(rows, itos_index):
    labels, ids, offsets = [], [], [0]
    for label, text in rows:
        labels.append(label)
        tokens = torch.tensor([itos_index.get(t, 0) for t in basic_english(text)], dtype=torch.int64)
        ids.append(tokens)
        offsets.append(tokens.size(0))
    return (torch.tensor(labels, dtype=torch.int64), torch.cat(ids),
            torch.tensor(offsets[:-1]).cumsum(dim=0))


def main(data):
    assert torch.__version__.startswith("1.13"), "made with PyTorch 1.13, found " + torch.__version__
    torch.manual_seed(13)
    train = [(label - 1, text) for label, text in read_rows(data, "train")[:TRAIN_ROWS]]
    test = read_rows(data, "test")[:TEST_TEXTS]
    with open(os.path.join(data, "classes.txt"), encoding="utf-8") as f:
        classes = [line.rstrip("\n") for line in f if line.strip()]
    itos = build_vocab(basic_english(text) for _, text in train)
    index = {t: i for i, t in enumerate(itos)}

    model = TextClassificationModel(len(itos), EMBED_DIM, len(classes))
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=LR)
    for _ in range(EPOCHS):
        model.train()
        order = torch.randperm(len(train)).tolist()
        for start in range(0, len(order), BATCH):
            labels, ids, offsets = batch([train[i] for i in order[start:start + BATCH]], index)
            optimizer.zero_grad()
            loss = criterion(model(ids, offsets), labels)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 0.1)
            optimizer.step()

    texts = [text for _, text in test] + ["", "zzzq xqzv", "WHAT?! (Really) -- it's \"quoted\"; here: there."]
    model.eval()
    with open(os.path.join(HERE, "expected.jsonl"), "w", encoding="utf-8") as out:
        for text in texts:
            _, ids, offsets = batch([(0, text)], index)
            with torch.no_grad():
                probabilities = torch.softmax(model(ids, offsets), dim=1)[0]
            out.write(json.dumps({"text": text, "probabilities": [float(p) for p in probabilities]}) + "\n")
    save_file(model.state_dict(), os.path.join(HERE, "tutorial_model.safetensors"),
              {"format": "pt", "torch_version": torch.__version__})
    with open(os.path.join(HERE, "itos.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(itos) + "\n")
    with open(os.path.join(HERE, "classes.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(classes) + "\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../../../../shared/data/ag_news_mini"))
