/**
 * The {@code jgrad-examples} command line ({@link io.jgrad.examples.Main}): runnable jobs that
 * train, evaluate and fine-tune models with jgrad. Each job is one command class in a package by
 * domain ({@code fashion}, {@code text}, {@code recsys}, {@code tabular}); what they share lives in
 * {@code cli} and {@code training}. See docs/examples.md.
 */
package io.jgrad.examples;
