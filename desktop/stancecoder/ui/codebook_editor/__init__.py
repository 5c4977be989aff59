"""The lead's codebook editor: variables, code tree and form, every edit checked and undoable
until the codebook is saved in one go."""
