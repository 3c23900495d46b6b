package logtar

// TODO(04.01-package-doc): write the package comment: a comment directly
// above the package clause (no blank line between them) that starts with
// "Package logtar ", says in a sentence or two what the package does, and
// has a section, introduced by a heading line such as "# Levels", for
// each part of the package so far: the levels and the configuration.
// Then run go doc . in this folder to read it the way others will.
