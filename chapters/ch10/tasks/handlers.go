package main

import (
	"net/http"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
)

// create handles POST /tasks: 201 with the new task, its Location and its
// ETag, sent only once the task is on disk.
func (a *App) create(w http.ResponseWriter, r *http.Request) error {
	var in taskInput
	if err := middleware.DecodeJSON(w, r, &in, jsonOptions); err != nil {
		return err
	}
	if err := in.check().bodyProblem(); err != nil {
		return err
	}
	now := a.now()
	t := Task{ID: a.ids.Next(), Created: now, Updated: now, Rev: 1}
	t.apply(in)
	if err := a.save(t); err != nil {
		return err
	}
	w.Header().Set("Location", "/tasks/"+t.ID)
	return writeTask(w, http.StatusCreated, t)
}

// get handles GET /tasks/{id} (and HEAD): 200 with the task and its ETag,
// or 304 when If-None-Match names the version the client has.
func (a *App) get(w http.ResponseWriter, r *http.Request) error {
	t, err := a.load(r.PathValue("id"))
	if err != nil {
		return err
	}
	if ifNoneMatch(r, t) {
		w.Header().Set("ETag", etag(t))
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	return writeTask(w, http.StatusOK, t)
}

// replace handles PUT /tasks/{id}: the body replaces every writable field
// (a member left out takes its default, as in a POST).
func (a *App) replace(w http.ResponseWriter, r *http.Request) error {
	var in taskInput
	if err := middleware.DecodeJSON(w, r, &in, jsonOptions); err != nil {
		return err
	}
	if err := in.check().bodyProblem(); err != nil {
		return err
	}
	return a.update(w, r, func(taskInput) taskInput { return in })
}

// patch handles PATCH /tasks/{id} with a JSON merge patch: the members it
// holds change, the others stay.
func (a *App) patch(w http.ResponseWriter, r *http.Request) error {
	var p taskPatch
	if err := middleware.DecodeJSON(w, r, &p, jsonOptions); err != nil {
		return err
	}
	return a.update(w, r, p.patch)
}

// update reads the task under its lock, checks If-Match, computes the new
// fields with change, checks them and saves the next revision.
func (a *App) update(w http.ResponseWriter, r *http.Request, change func(taskInput) taskInput) error {
	id := r.PathValue("id")
	mu := a.lock(id)
	mu.Lock()
	defer mu.Unlock()
	t, err := a.load(id)
	if err != nil {
		return err
	}
	if !ifMatch(r, t) {
		return changed(t)
	}
	in := change(t.input())
	if err := in.check().bodyProblem(); err != nil {
		return err
	}
	t.apply(in)
	t.Rev++
	t.Updated = a.now()
	if err := a.save(t); err != nil {
		return err
	}
	return writeTask(w, http.StatusOK, t)
}

// delete handles DELETE /tasks/{id}: 204 once the deletion is on disk.
func (a *App) delete(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	mu := a.lock(id)
	mu.Lock()
	defer mu.Unlock()
	t, err := a.load(id)
	if err != nil {
		return err
	}
	if !ifMatch(r, t) {
		return changed(t)
	}
	if err := a.db.Delete(id); err != nil {
		return storeError(err)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
