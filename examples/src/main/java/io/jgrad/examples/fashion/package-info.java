/** Image classification on Fashion-MNIST with the PyTorch-compatible fashion-cnn: train, evaluate, finetune. */
package io.jgrad.examples.fashion;
