package naivestore

// removeTemps removes the temporary files that saves of the store kept at
// path left behind when the process died in the middle of one: the
// files in the same directory whose names are the store's file name
// followed by ".tmp-". A missing directory has none.
func removeTemps(path string) error {
	// TODO(10.02): list the directory (os.ReadDir), remove each entry
	// whose name starts with name+".tmp-", and call removeTemps from Open
	// once the file has loaded.
	return nil
}
