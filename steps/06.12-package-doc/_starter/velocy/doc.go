// Package velocy is a small HTTP router built on net/http and nothing else.
//
// TODO(06.12-package-doc): write the rest of this comment for someone who
// has never seen velocy: a complete example program, then one section per
// topic, each under a heading line: "# Example", "# Patterns", "# Matching",
// "# Registration errors", "# Middleware, groups and mounts",
// "# Query strings" and "# Serving".
package velocy
