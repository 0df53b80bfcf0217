/** Command-line plumbing shared by every command: the base class, common options and error reporting. */
package io.jgrad.examples.cli;
