#!/usr/bin/env python3
"""PyTorch reference numbers for the optimizer and scheduler tests.

Runs the tutorial's TextClassificationModel (EmbeddingBag(mode="mean", sparse=False) + Linear) at
vocab 8, dim 4, classes 3 from fixed weights through four training steps (CrossEntropyLoss, backward,
clip_grad_norm_(0.1), optimizer.step) with each optimizer setting, and steps each learning-rate
scheduler through 15 epochs. Row 7 of the embedding is never in a batch; rows 0, 1, 4, 5 are only in
batch A, so the steps on batch B show what the rules do to rows without a gradient.

Needs PyTorch (Debian: apt-get install python3-torch, which is 1.13). Regenerate the Java fixtures:

    /usr/bin/python3 domain/src/test/python/optimizer_reference.py domain/src/test/java

which writes io/textclf/domain/reference/PyTorchOptimizerFixtures.java and
io/textclf/domain/train/PyTorchSchedulerFixtures.java under that folder.
"""
import os
import sys
import warnings

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
    [-0.61, 0.27, -0.08, 0.52],
]
FC_WEIGHT = [
    [0.3, -0.1, 0.2, 0.4],
    [-0.25, 0.35, -0.45, 0.15],
    [0.05, 0.5, 0.1, -0.3],
]
FC_BIAS = [0.01, -0.02, 0.03]

A = ([1, 2, 2, 4, 3, 0, 5, 1], [0, 4, 4, 5], [0, 2, 1, 2])
B = ([6, 3, 2], [0, 2], [1, 0])
BATCHES = [A, B, A, B]
CLIP = 0.1

# name -> (constructor, learning rate per step)
OPTIMIZERS = {
    "MOMENTUM": (lambda p: torch.optim.SGD(p, lr=1, momentum=0.9), [0.5, 0.5, 0.25, 0.25]),
    "MOMENTUM_DAMPENING_DECAY": (
        lambda p: torch.optim.SGD(p, lr=1, momentum=0.9, dampening=0.1, weight_decay=0.01), [0.5, 0.5, 0.25, 0.25]),
    "NESTEROV_DECAY": (
        lambda p: torch.optim.SGD(p, lr=1, momentum=0.8, weight_decay=0.001, nesterov=True), [0.5, 0.4, 0.3, 0.2]),
    "WEIGHT_DECAY_ONLY": (lambda p: torch.optim.SGD(p, lr=1, weight_decay=0.05), [0.5, 0.5, 0.5, 0.5]),
    "ADAGRAD": (lambda p: torch.optim.Adagrad(p, lr=1), [0.1, 0.1, 0.05, 0.05]),
    "ADAGRAD_DECAY_ACCUMULATOR": (
        lambda p: torch.optim.Adagrad(p, lr=1, lr_decay=0.1, weight_decay=0.01, initial_accumulator_value=0.1,
                                      eps=1e-8), [0.1, 0.1, 0.05, 0.05]),
    "ADAM": (lambda p: torch.optim.Adam(p, lr=1), [0.01, 0.01, 0.005, 0.005]),
    "ADAM_BETAS_DECAY": (
        lambda p: torch.optim.Adam(p, lr=1, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.01), [0.01, 0.02, 0.01, 0.01]),
}

PLATEAU_ACCURACY = [0.5, 0.6, 0.6, 0.6, 0.59, 0.7, 0.7, 0.7, 0.7, 0.71, 0.71, 0.71, 0.71, 0.71, 0.71]
PLATEAU_LOSS = [1.0, 0.9, 0.95, 0.9, 0.9, 0.8, 0.8, 0.80001, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7]

# name -> (constructor, metric per epoch or None)
SCHEDULERS = {
    "STEP": (lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5), None),
    "EXPONENTIAL": (lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.9), None),
    "COSINE": (lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=4, eta_min=0.01), None),
    "WARMUP": (lambda o: torch.optim.lr_scheduler.LinearLR(o, start_factor=0.25, total_iters=4), None),
    "PLATEAU_MAX": (lambda o: torch.optim.lr_scheduler.ReduceLROnPlateau(
        o, mode="max", factor=0.5, patience=1, threshold=1e-4, cooldown=1, min_lr=0.3), PLATEAU_ACCURACY),
    "PLATEAU_MIN": (lambda o: torch.optim.lr_scheduler.ReduceLROnPlateau(
        o, mode="min", factor=0.1, patience=0, threshold=1e-4, cooldown=0, min_lr=0.0), PLATEAU_LOSS),
}
SCHEDULER_LR = 5.0
EPOCHS = 15


class TextClassificationModel(nn.Module):
    def __init__(self, vocab_size, embed_dim, num_class):
        super().__init__()
        self.embedding = nn.EmbeddingBag(vocab_size, embed_dim, sparse=False)
        self.fc = nn.Linear(embed_dim, num_class)

    def forward(self, text, offsets):
        return self.fc(self.embedding(text, offsets))


def fresh_model():
    model = TextClassificationModel(8, 4, 3)
    with torch.no_grad():
        model.embedding.weight.copy_(torch.tensor(EMBEDDING, dtype=torch.float32))
        model.fc.weight.copy_(torch.tensor(FC_WEIGHT, dtype=torch.float32))
        model.fc.bias.copy_(torch.tensor(FC_BIAS, dtype=torch.float32))
    return model


def train(make_optimizer, learning_rates):
    model = fresh_model()
    optimizer = make_optimizer(model.parameters())
    criterion = torch.nn.CrossEntropyLoss()
    for (ids, offsets, labels), lr in zip(BATCHES, learning_rates):
        for group in optimizer.param_groups:
            group["lr"] = lr
        optimizer.zero_grad()
        loss = criterion(model(torch.tensor(ids), torch.tensor(offsets)), torch.tensor(labels))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP)
        optimizer.step()
    return {name: tensor.detach().numpy().copy() for name, tensor in model.state_dict().items()}


def schedule(make_scheduler, metrics):
    warnings.simplefilter("ignore", UserWarning)  # stepping a scheduler without optimizer.step() is the point
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=SCHEDULER_LR)
    scheduler = make_scheduler(optimizer)
    rates = []
    for epoch in range(EPOCHS):
        rates.append(optimizer.param_groups[0]["lr"])
        if metrics is None:
            scheduler.step()
        else:
            scheduler.step(metrics[epoch])
    return rates


def floats(values):
    return "{" + ", ".join(str(np.float32(v)) + "f" for v in np.asarray(values).ravel()) + "}"


def doubles(values):
    return "{" + ", ".join(repr(float(v)) for v in values) + "}"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as out:
        out.write(text)


def main(root):
    header = ("// Generated by domain/src/test/python/optimizer_reference.py with PyTorch " + torch.__version__
              + "; do not edit.\n")
    lines = [header, "package io.textclf.domain.reference;\n\n",
             "/** Parameters after four steps of each optimizer, from PyTorch. */\n",
             "final class PyTorchOptimizerFixtures {\n\n",
             "    static final float[] EMBEDDING = " + floats(EMBEDDING) + ";\n",
             "    static final float[] FC_WEIGHT = " + floats(FC_WEIGHT) + ";\n",
             "    static final float[] FC_BIAS = " + floats(FC_BIAS) + ";\n",
             "    static final double CLIP = " + repr(CLIP) + ";\n\n"]
    for name, (make, rates) in OPTIMIZERS.items():
        state = train(make, rates)
        lines.append("    static final double[] " + name + "_LR = " + doubles(rates) + ";\n")
        lines.append("    static final float[] " + name + "_EMBEDDING = " + floats(state["embedding.weight"]) + ";\n")
        lines.append("    static final float[] " + name + "_FC_WEIGHT = " + floats(state["fc.weight"]) + ";\n")
        lines.append("    static final float[] " + name + "_FC_BIAS = " + floats(state["fc.bias"]) + ";\n\n")
    lines.append("    private PyTorchOptimizerFixtures() {\n    }\n}\n")
    write(os.path.join(root, "io/textclf/domain/reference/PyTorchOptimizerFixtures.java"), "".join(lines))

    lines = [header, "package io.textclf.domain.train;\n\n",
             "/** Learning rate of each epoch under each scheduler, from PyTorch. */\n",
             "final class PyTorchSchedulerFixtures {\n\n",
             "    static final double LR = " + repr(SCHEDULER_LR) + ";\n",
             "    static final double[] PLATEAU_ACCURACY = " + doubles(PLATEAU_ACCURACY) + ";\n",
             "    static final double[] PLATEAU_LOSS = " + doubles(PLATEAU_LOSS) + ";\n\n"]
    for name, (make, metrics) in SCHEDULERS.items():
        lines.append("    static final double[] " + name + " = " + doubles(schedule(make, metrics)) + ";\n")
    lines.append("\n    private PyTorchSchedulerFixtures() {\n    }\n}\n")
    write(os.path.join(root, "io/textclf/domain/train/PyTorchSchedulerFixtures.java"), "".join(lines))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "domain/src/test/java")
