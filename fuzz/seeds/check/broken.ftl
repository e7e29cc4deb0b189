NotFound = Nicht { gefunden
	BadRequest = x
Ugyldiginput = { $input }
