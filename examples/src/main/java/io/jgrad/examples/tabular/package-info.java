/** Binary risk classification on tabular data, MLP against logistic regression: the risk command. */
package io.jgrad.examples.tabular;
