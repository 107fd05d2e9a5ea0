"""An Open Inference Protocol client that knows nothing of textclf but the protocol.

Its stubs are generated from open_inference_grpc.proto (the published file, or textclf's copy of
it) with grpc_tools.protoc; see docs/api.md. It sends the texts of an ag_news CSV file (title and
description joined by a space) as a BYTES input tensor named "text" and prints one line per text:
the model version, the BYTES "label" output and the FP32 "probabilities" output, tab-separated
(probabilities space-separated, in class-index order, each the exact value received).
"""
import argparse
import csv
import sys

import grpc

from inference import open_inference_grpc_pb2 as oip
from inference import open_inference_grpc_pb2_grpc as oip_grpc


def read_texts(path):
    with open(path, newline="", encoding="utf-8") as f:
        return [row[1] + " " + row[2] for row in csv.reader(f)]


def infer(stub, model, version, texts):
    request = oip.ModelInferRequest(model_name=model, model_version=version)
    tensor = request.inputs.add(name="text", datatype="BYTES", shape=[len(texts)])
    tensor.contents.bytes_contents.extend(text.encode("utf-8") for text in texts)
    response = stub.ModelInfer(request, timeout=60)
    outputs = {output.name: output for output in response.outputs}
    probabilities = outputs["probabilities"]
    classes = probabilities.shape[1]
    values = list(probabilities.contents.fp32_contents)
    labels = [label.decode("utf-8") for label in outputs["label"].contents.bytes_contents]
    return response.model_version, [
        (values[i * classes:(i + 1) * classes], labels[i]) for i in range(len(texts))]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--target", default="localhost:8500")
    parser.add_argument("--model", required=True)
    parser.add_argument("--version", default="", help="empty: the newest")
    parser.add_argument("--data", required=True, help="ag_news CSV file: label, title, description")
    parser.add_argument("--batch-size", type=int, default=256)
    args = parser.parse_args()

    texts = read_texts(args.data)
    with grpc.insecure_channel(args.target) as channel:
        stub = oip_grpc.GRPCInferenceServiceStub(channel)
        if not stub.ServerLive(oip.ServerLiveRequest(), timeout=30).live:
            sys.exit("server not live")
        if not stub.ModelReady(oip.ModelReadyRequest(name=args.model, version=args.version), timeout=30).ready:
            sys.exit("model %s not ready" % args.model)
        for start in range(0, len(texts), args.batch_size):
            version, results = infer(stub, args.model, args.version, texts[start:start + args.batch_size])
            for probabilities, label in results:
                print("%s\t%s\t%s" % (version, label, " ".join(repr(p) for p in probabilities)))


if __name__ == "__main__":
    main()
