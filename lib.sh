cp () 
{ 
    req PATCH /customer-password/$1 "{\"data\":{\"type\":\"customer-password\",\"attributes\":{\"password\":\"$2\",\"newPassword\":\"$3\",\"confirmPassword\":\"$3\"}}}" $4
}
