#!/usr/bin/env python3
"""PyTorch reference numbers for ReferenceBackendParityTest and StepLrTest.

Builds the tutorial's TextClassificationModel (EmbeddingBag(mode="mean") + Linear) at vocab 7,
dim 4, classes 3 with the fixed weights below, and runs the tutorial's training step on it:
CrossEntropyLoss, backward, clip_grad_norm_, SGD. Needs PyTorch (Debian: apt-get install
python3-torch, which is 1.13); run it with the system python and paste the output into the tests:

    /usr/bin/python3 domain/src/test/python/make_fixtures.py

Float32 values are printed as the shortest literal that reads back to the same float.
"""
import numpy as np
import torch
from torch import nn

EMBEDDING = [
    [0.1, -0.2, 0.3, -0.4],
    [0.5, 0.6, -0.7, 0.8],
    [-0.9, 0.15, 0.25, -0.35],
    [0.45, -0.55, 0.65, 0.05],
    [-0.12, 0.34, -0.56, 0.78],
    [0.21, 0.43, 0.65, -0.87],
    [0.33, -0.44, 0.11, 0.22],
]
FC_WEIGHT = [
    [0.3, -0.1, 0.2, 0.4],
    [-0.25, 0.35, -0.45, 0.15],
    [0.05, 0.5, 0.1, -0.3],
]
FC_BIAS = [0.01, -0.02, 0.03]

# Batch A: a repeated token, an empty bag, a single token; row 6 is not used.
A_IDS = [1, 2, 2, 4, 3, 0, 5, 1]
A_OFFSETS = [0, 4, 4, 5]
A_LABELS = [0, 2, 1, 2]
# Batch B: uses row 6, and none of rows 0, 1, 4, 5 that batch A updated.
B_IDS = [6, 3, 2]
B_OFFSETS = [0, 2]
B_LABELS = [1, 0]

LEARNING_RATE = 5.0
CLIP = 0.1        # the tutorial's max_norm: clips these gradients
NO_CLIP = 10.0    # larger than the norm: leaves them alone


class TextClassificationModel(nn.Module):
    def __init__(self, vocab_size, embed_dim, num_class):
        super().__init__()
        self.embedding = nn.EmbeddingBag(vocab_size, embed_dim, sparse=False)
        self.fc = nn.Linear(embed_dim, num_class)

    def forward(self, text, offsets):
        embedded = self.embedding(text, offsets)
        return self.fc(embedded)


def fresh_model():
    model = TextClassificationModel(7, 4, 3)
    with torch.no_grad():
        model.embedding.weight.copy_(torch.tensor(EMBEDDING, dtype=torch.float32))
        model.fc.weight.copy_(torch.tensor(FC_WEIGHT, dtype=torch.float32))
        model.fc.bias.copy_(torch.tensor(FC_BIAS, dtype=torch.float32))
    return model


def train_step(model, optimizer, ids, offsets, labels, max_norm):
    criterion = torch.nn.CrossEntropyLoss()
    optimizer.zero_grad()
    logits = model(torch.tensor(ids), torch.tensor(offsets))
    loss = criterion(logits, torch.tensor(labels))
    loss.backward()
    norm = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    optimizer.step()
    return logits.detach(), loss.detach(), norm


def literal(x):
    return str(np.float32(x)) + "f"


def print_array(name, tensor):
    values = tensor.detach().reshape(-1).tolist()
    print("    static final float[] %s = {%s};" % (name, ", ".join(literal(v) for v in values)))


def print_scalar(name, tensor):
    print("    static final float %s = %s;" % (name, literal(tensor.item())))


def print_state(prefix, model):
    print_array(prefix + "_EMBEDDING", model.embedding.weight)
    print_array(prefix + "_FC_WEIGHT", model.fc.weight)
    print_array(prefix + "_FC_BIAS", model.fc.bias)


def main():
    print("    // PyTorch %s" % torch.__version__)
    torch.set_num_threads(1)

    # Two tutorial steps with clipping; StepLR divides the rate by 10 in between.
    model = fresh_model()
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 1, gamma=0.1)
    logits, loss, norm = train_step(model, optimizer, A_IDS, A_OFFSETS, A_LABELS, CLIP)
    print_array("A_LOGITS", logits)
    print_scalar("A_LOSS", loss)
    print_scalar("A_NORM", norm)
    print_state("CLIPPED_STEP1", model)
    scheduler.step()
    print("    static final double STEP2_LR = %r;" % scheduler.get_last_lr()[0])
    logits, loss, norm = train_step(model, optimizer, B_IDS, B_OFFSETS, B_LABELS, CLIP)
    print_array("B_LOGITS", logits)
    print_scalar("B_LOSS", loss)
    print_scalar("B_NORM", norm)
    print_state("CLIPPED_STEP2", model)

    # One step on batch A whose norm is under max_norm: no clipping.
    model = fresh_model()
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
    _, _, norm = train_step(model, optimizer, A_IDS, A_OFFSETS, A_LABELS, NO_CLIP)
    print_scalar("UNCLIPPED_NORM", norm)
    print_state("UNCLIPPED_STEP1", model)

    # StepLR's rates: step_size 1, gamma 0.1 (the tutorial) and step_size 2, gamma 0.5.
    for step_size, gamma in ((1, 0.1), (2, 0.5)):
        optimizer = torch.optim.SGD(fresh_model().parameters(), lr=LEARNING_RATE)
        scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size, gamma=gamma)
        rates = [scheduler.get_last_lr()[0]]
        for _ in range(6):
            optimizer.step()
            scheduler.step()
            rates.append(scheduler.get_last_lr()[0])
        print("    // StepLR(step_size=%d, gamma=%r), lr=%r" % (step_size, gamma, LEARNING_RATE))
        print("    static final double[] STEP_LR_%d = {%s};" % (step_size, ", ".join(repr(r) for r in rates)))


if __name__ == "__main__":
    main()
