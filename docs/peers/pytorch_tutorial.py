#!/usr/bin/env python3
"""The torchtext tutorial's recipe in PyTorch, on a textclf dataset folder, for side-by-side timing.

Debian's python3-torchtext does not import, so the tokenizer (basic_english's regex chain) and
build_vocab_from_iterator's ordering are written out here; everything else is the tutorial's code:
EmbeddingBag(mean) + Linear, uniform(-0.5, 0.5) init, CrossEntropyLoss, SGD(lr=5),
StepLR(1, gamma=0.1) stepped when validation accuracy drops, clip_grad_norm_(0.1), batch 64,
10 epochs, random_split 95/5.

    /usr/bin/python3 docs/peers/pytorch_tutorial.py ../shared/data/ag_news_mini [cpu|cuda]

The optional second argument is the device (default cpu); tools/gpu-check/run.sh times it on a GPU.
"""
import csv
import gzip
import os
import re
import sys
import time
from collections import Counter

import torch
from torch import nn
from torch.utils.data import DataLoader
from torch.utils.data.dataset import random_split

PATTERNS = [r"\'", r"\"", r"\.", r"<br \/>", r",", r"\(", r"\)", r"\!", r"\?", r"\;", r"\:", r"\s+"]
REPLACEMENTS = [" '  ", "", " . ", " ", " , ", " ( ", " ) ", " ! ", " ? ", " ", " ", " "]
COMPILED = [(re.compile(p), r) for p, r in zip(PATTERNS, REPLACEMENTS)]


def basic_english(line):
    line = line.lower()
    for pattern, replacement in COMPILED:
        line = pattern.sub(replacement, line)
    return line.split()


def read_rows(folder, name):
    path = os.path.join(folder, name + ".csv")
    opener = open
    if not os.path.exists(path):
        path, opener = path + ".gz", gzip.open
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        return [(int(row[0]), " ".join(row[1:])) for row in csv.reader(f)]


class TextClassificationModel(nn.Module):
    def __init__(self, vocab_size, embed_dim, num_class):
        super().__init__()
        self.embedding = nn.EmbeddingBag(vocab_size, embed_dim, sparse=False)
        self.fc = nn.Linear(embed_dim, num_class)
        initrange = 0.5
        self.embedding.weight.data.uniform_(-initrange, initrange)
        self.fc.weight.data.uniform_(-initrange, initrange)
        self.fc.bias.data.zero_()

    def forward(self, text, offsets):
        return self.fc(self.embedding(text, offsets))


def main():
    started = time.time()
    folder = sys.argv[1]
    device = torch.device(sys.argv[2] if len(sys.argv) > 2 else "cpu")
    torch.manual_seed(1)
    train_rows, test_rows = read_rows(folder, "train"), read_rows(folder, "test")
    counter = Counter()
    for _, text in train_rows:
        counter.update(basic_english(text))
    itos = ["<unk>"] + [t for t, _ in sorted(counter.items(), key=lambda x: (-x[1], x[0])) if t != "<unk>"]
    stoi = {t: i for i, t in enumerate(itos)}
    num_class = len({label for label, _ in train_rows})

    def collate(batch):
        labels, texts, offsets = [], [], [0]
        for label, text in batch:
            labels.append(label - 1)
            ids = torch.tensor([stoi.get(t, 0) for t in basic_english(text)], dtype=torch.int64)
            texts.append(ids)
            offsets.append(ids.size(0))
        return (torch.tensor(labels, dtype=torch.int64), torch.cat(texts),
                torch.tensor(offsets[:-1]).cumsum(dim=0))

    model = TextClassificationModel(len(itos), 64, num_class).to(device)
    criterion = torch.nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=5)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 1.0, gamma=0.1)
    num_train = int(len(train_rows) * 0.95)
    split_train, split_valid = random_split(train_rows, [num_train, len(train_rows) - num_train])
    train_loader = DataLoader(split_train, batch_size=64, shuffle=True, collate_fn=collate)
    valid_loader = DataLoader(split_valid, batch_size=64, shuffle=True, collate_fn=collate)
    test_loader = DataLoader(test_rows, batch_size=64, shuffle=True, collate_fn=collate)

    def evaluate(loader):
        model.eval()
        correct, count = 0, 0
        with torch.no_grad():
            for label, text, offsets in loader:
                label, text, offsets = label.to(device), text.to(device), offsets.to(device)
                correct += (model(text, offsets).argmax(1) == label).sum().item()
                count += label.size(0)
        return correct / count

    total_accu = None
    for epoch in range(1, 11):
        epoch_start = time.time()
        model.train()
        for label, text, offsets in train_loader:
            label, text, offsets = label.to(device), text.to(device), offsets.to(device)
            optimizer.zero_grad()
            loss = criterion(model(text, offsets), label)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 0.1)
            optimizer.step()
        accu_val = evaluate(valid_loader)
        if total_accu is not None and total_accu > accu_val:
            scheduler.step()
        else:
            total_accu = accu_val
        print(f"| end of epoch {epoch:3d} | time: {time.time() - epoch_start:6.2f}s | valid accuracy {accu_val:8.3f}")
    print(f"test accuracy {evaluate(test_loader):.4f}")
    print(f"wall {time.time() - started:.1f}s")


if __name__ == "__main__":
    main()
