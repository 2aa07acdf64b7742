"""The Textual review desk: the only part of factdesk that imports textual."""
