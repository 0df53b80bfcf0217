/** A character-level LSTM language model: the char-rnn command. */
package io.jgrad.examples.text;
